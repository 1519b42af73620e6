import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { imageScriptPath } from './images/image-scripts.ts';
import type { RuntimeDriver, StartSpec, Upstream } from './runtime-driver.ts';

export interface ProcessDriverOptions {
  /** Directory holding the built-in image scripts (default: `<cwd>/lib/runtime/images`). */
  imagesDir?: string;
  /** Extra images, name → absolute script path (tests); they take precedence over the built-in ones. */
  extraImages?: Readonly<Record<string, string>>;
  /** How long a starting app has to answer the health probe (default 30 s). */
  healthTimeoutMs?: number;
  /** Time between SIGTERM and SIGKILL when stopping (default 5 s). */
  stopGraceMs?: number;
  /** Receives each line the apps print (prefixed `[app <short id>]`) and the driver's own notes. */
  log?: (line: string, stream: 'stdout' | 'stderr') => void;
}

const HOST = '127.0.0.1';
const PROBE_INTERVAL_MS = 100;
const PROBE_REQUEST_TIMEOUT_MS = 2000;
const MAX_PORT_ATTEMPTS = 3;
const STDERR_TAIL_CHARS = 4096;

interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One spawned child process. */
interface Proc {
  child: ChildProcess;
  port: number;
  exitInfo: ExitInfo | null;
  exited: Promise<ExitInfo>;
  stderrTail: string;
}

/** One app known to the driver, from `start` until its process is gone. */
interface Slot {
  appId: string;
  image: string;
  proc: Proc | null;
  upstream: Upstream | null;
  stopRequested: boolean;
  ready: Promise<Upstream>;
  stopping: Promise<void> | null;
}

// Every live child of every driver, SIGKILLed synchronously if the server exits without stopping them.
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of liveChildren) {
      try {
        c.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

function exitReason(info: ExitInfo): string {
  return info.signal ? `killed by ${info.signal}` : `process exited with code ${info.code ?? 'unknown'}`;
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A port that was free a moment ago (listen on 0, read it, close). */
function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

/** One HTTP GET on `/`: true if any response with status < 500 arrives. */
function probe(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: HOST, port, path: '/', agent: false, timeout: PROBE_REQUEST_TIMEOUT_MS }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('timeout', () => req.destroy(new Error('probe timed out')));
    req.on('error', () => resolve(false));
  });
}

class StartError extends Error {
  constructor(
    message: string,
    readonly portInUse = false,
  ) {
    super(message);
  }
}

/** Runs built-in images as child Node processes on free local ports. */
export class ProcessDriver implements RuntimeDriver {
  readonly name = 'process';

  private readonly apps = new Map<string, Slot>();
  private readonly listeners: Array<(appId: string, reason: string) => void> = [];
  private readonly imagesDir: string | undefined;
  private readonly extraImages: Readonly<Record<string, string>>;
  private readonly healthTimeoutMs: number;
  private readonly stopGraceMs: number;
  private readonly log: (line: string, stream: 'stdout' | 'stderr') => void;

  constructor(options: ProcessDriverOptions = {}) {
    this.imagesDir = options.imagesDir;
    this.extraImages = options.extraImages ?? {};
    this.healthTimeoutMs = options.healthTimeoutMs ?? 30_000;
    this.stopGraceMs = options.stopGraceMs ?? 5_000;
    this.log =
      options.log ?? ((line, stream) => (stream === 'stderr' ? console.error(line) : console.log(line)));
  }

  start(spec: StartSpec): Promise<Upstream> {
    const existing = this.apps.get(spec.appId);
    if (existing && !existing.stopRequested) return existing.upstream ? Promise.resolve(existing.upstream) : existing.ready;
    if (existing?.stopping) return existing.stopping.then(() => this.start(spec));

    const script = this.scriptFor(spec.image);
    if (!script) return Promise.reject(new Error(`unknown image "${spec.image}"`));

    const slot: Slot = {
      appId: spec.appId,
      image: spec.image,
      proc: null,
      upstream: null,
      stopRequested: false,
      ready: Promise.resolve({ host: HOST, port: 0 }),
      stopping: null,
    };
    slot.ready = this.launch(slot, script).then(
      (upstream) => {
        slot.upstream = upstream;
        return upstream;
      },
      (error: unknown) => {
        if (this.apps.get(slot.appId) === slot && !slot.stopRequested) this.apps.delete(slot.appId);
        throw error;
      },
    );
    this.apps.set(spec.appId, slot);
    return slot.ready;
  }

  stop(appId: string): Promise<void> {
    const slot = this.apps.get(appId);
    if (!slot) return Promise.resolve();
    if (slot.stopping) return slot.stopping;
    slot.stopRequested = true;
    slot.upstream = null;
    slot.stopping = (async () => {
      if (slot.proc) await this.terminate(slot.proc);
      // launch() notices stopRequested (it checks before spawning, and the probe loop sees the exit).
      await slot.ready.catch(() => undefined);
      if (slot.proc) await this.terminate(slot.proc);
      if (this.apps.get(appId) === slot) this.apps.delete(appId);
    })();
    return slot.stopping;
  }

  upstream(appId: string): Upstream | null {
    const slot = this.apps.get(appId);
    return slot && !slot.stopRequested ? slot.upstream : null;
  }

  onUnexpectedExit(listener: (appId: string, reason: string) => void): void {
    this.listeners.push(listener);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.apps.keys()].map((appId) => this.stop(appId)));
  }

  /** The app's process id while it has one (tests, diagnostics), or null. */
  pid(appId: string): number | null {
    const proc = this.apps.get(appId)?.proc;
    return proc && !proc.exitInfo ? (proc.child.pid ?? null) : null;
  }

  private scriptFor(image: string): string | null {
    if (Object.hasOwn(this.extraImages, image)) return this.extraImages[image] ?? null;
    return imageScriptPath(image, this.imagesDir);
  }

  private async launch(slot: Slot, script: string): Promise<Upstream> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const port = await this.freePort();
      if (slot.stopRequested) throw new Error(`image ${slot.image} was stopped before becoming healthy`);
      const proc = this.spawnProc(slot, script, port);
      slot.proc = proc;
      try {
        await this.waitHealthy(slot, proc);
      } catch (error) {
        if (error instanceof StartError && error.portInUse && attempt < MAX_PORT_ATTEMPTS && !slot.stopRequested) {
          this.note(slot, `port ${port} was taken, retrying on another port`, 'stderr');
          continue;
        }
        throw error;
      }
      void proc.exited.then((info) => this.handleExit(slot, proc, info));
      this.note(slot, `${slot.image} healthy on ${HOST}:${port} (pid ${proc.child.pid}, ${Date.now() - started} ms)`);
      return { host: HOST, port };
    }
  }

  private async freePort(): Promise<number> {
    const taken = new Set([...this.apps.values()].map((slot) => slot.proc?.port));
    for (;;) {
      const port = await pickFreePort();
      if (!taken.has(port)) return port;
    }
  }

  private spawnProc(slot: Slot, script: string, port: number): Proc {
    const env: NodeJS.ProcessEnv = { PORT: String(port), NODE_ENV: process.env.NODE_ENV ?? 'production' };
    if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
    if (process.env.HOME !== undefined) env.HOME = process.env.HOME;

    // The IPC channel is unused for messages: the image exits when it closes (server gone).
    const child = spawn(process.execPath, [script], {
      cwd: path.dirname(script),
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: false,
    });
    trackChild(child);

    const proc: Proc = {
      child,
      port,
      exitInfo: null,
      stderrTail: '',
      exited: new Promise<ExitInfo>((resolve) => {
        let done = false;
        const finish = (info: ExitInfo) => {
          if (done) return;
          done = true;
          proc.exitInfo = info;
          liveChildren.delete(child);
          resolve(info);
        };
        child.once('exit', (code, signal) => finish({ code, signal }));
        // spawn failures (no 'exit' follows when the process never started)
        child.on('error', (error) => {
          this.note(slot, `spawn failed: ${error.message}`, 'stderr');
          if (child.pid === undefined) finish({ code: null, signal: null });
        });
      }),
    };

    if (child.stdout) {
      createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => this.note(slot, line));
    }
    if (child.stderr) {
      createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => {
        proc.stderrTail = (proc.stderrTail + line + '\n').slice(-STDERR_TAIL_CHARS);
        this.note(slot, line, 'stderr');
      });
    }
    return proc;
  }

  private async waitHealthy(slot: Slot, proc: Proc): Promise<void> {
    const deadline = Date.now() + this.healthTimeoutMs;
    for (;;) {
      if (proc.exitInfo) break;
      if (slot.stopRequested) throw new Error(`image ${slot.image} was stopped before becoming healthy`);
      if (await probe(proc.port)) {
        if (proc.exitInfo) break; // something else answered on that port
        return;
      }
      if (Date.now() >= deadline) {
        await this.terminate(proc);
        throw new Error(`image ${slot.image} not healthy after ${seconds(this.healthTimeoutMs)}`);
      }
      await Promise.race([sleep(PROBE_INTERVAL_MS), proc.exited]);
    }

    // The process died before answering. Let its last stderr lines arrive before reading them.
    const info = proc.exitInfo ?? (await proc.exited);
    await new Promise<void>((resolve) => {
      if (!proc.child.stderr || proc.child.stderr.closed) return resolve();
      proc.child.stderr.once('close', () => resolve());
      setTimeout(resolve, 200).unref();
    });
    if (slot.stopRequested) throw new Error(`image ${slot.image} was stopped before becoming healthy`);
    if (info.code === null && info.signal === null) throw new StartError(`image ${slot.image} could not be started`);
    const how = info.signal ? `was killed by ${info.signal}` : `exited with code ${info.code}`;
    throw new StartError(`image ${slot.image} ${how} before becoming healthy`, proc.stderrTail.includes('EADDRINUSE'));
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
  private async terminate(proc: Proc): Promise<void> {
    if (proc.exitInfo) return;
    proc.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!proc.exitInfo) proc.child.kill('SIGKILL');
    }, this.stopGraceMs);
    try {
      await proc.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private handleExit(slot: Slot, proc: Proc, info: ExitInfo): void {
    if (slot.stopRequested || slot.proc !== proc || this.apps.get(slot.appId) !== slot) return;
    this.apps.delete(slot.appId);
    slot.upstream = null;
    const reason = exitReason(info);
    this.note(slot, `${slot.image} stopped unexpectedly: ${reason}`, 'stderr');
    for (const listener of this.listeners) {
      try {
        listener(slot.appId, reason);
      } catch (error) {
        this.note(slot, `onUnexpectedExit listener failed: ${String(error)}`, 'stderr');
      }
    }
  }

  private note(slot: Slot, line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    this.log(`[app ${slot.appId.slice(0, 8)}] ${line}`, stream);
  }
}
