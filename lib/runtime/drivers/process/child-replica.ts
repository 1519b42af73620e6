import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { probeHttp } from '../../probe.ts';
import { pause } from '../shared/pause.ts';
import { childEnv, type Launch } from './launch-spec.ts';
import { LOOPBACK } from './free-port.ts';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (no exit code then). */
  spawnError?: string;
}

export type OutputStream = 'stdout' | 'stderr';

/** Why a child did not become ready. `portInUse`: another program took its port first; a retry on another port may work. */
export class NotReadyError extends Error {
  constructor(
    message: string,
    readonly portInUse = false,
  ) {
    super(message);
  }
}

const PROBE_INTERVAL_MS = 100;
/** After its exit, how long a child's last output may take to arrive (a grandchild can hold the pipes open forever). */
const DRAIN_MS = 500;
/** One log line is cut there: a program printing megabytes without a newline must not fill the memory. */
const MAX_LINE_CHARS = 16_384;

// Every live child of every driver, SIGKILLed synchronously when the server exits without stopping
// them (an uncaught error, process.exit): the 'exit' handler cannot wait for a graceful stop.
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
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

/** "exited with code 1", "killed by SIGKILL", "could not be started: …". */
export function exitReason(info: ExitInfo): string {
  if (info.spawnError) return `could not be started: ${info.spawnError}`;
  if (info.signal) return `killed by ${info.signal}`;
  return `exited with code ${info.code ?? 'unknown'}`;
}

/** One child process of a replica: one life, on one port. The supervisor starts a new one for a restart. */
export class ChildReplica {
  exit: ExitInfo | null = null;
  readonly exited: Promise<ExitInfo>;
  private readonly child: ChildProcess;
  private readonly closed: Promise<void>;
  /** Enough of stderr to recognise EADDRINUSE. */
  private stderrTail = '';

  constructor(
    launch: Launch,
    readonly port: number,
    onOutput: (stream: OutputStream, content: string) => void,
  ) {
    // The IPC channel carries no messages: it closes when the server dies, and the child exits then
    // (see exit-with-server.cjs). Its own process group: a Ctrl-C in the server's terminal reaches
    // the server only, which stops its children with SIGTERM; otherwise they would die of the
    // SIGINT first and be reported as crashes during the shutdown.
    this.child = spawn(launch.file, launch.args, {
      cwd: launch.cwd,
      env: childEnv(launch, port),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    const child = this.child;
    track(child);
    this.exited = new Promise<ExitInfo>((resolve) => {
      const finish = (info: ExitInfo) => {
        if (this.exit) return;
        this.exit = info;
        liveChildren.delete(child);
        resolve(info);
      };
      child.once('exit', (code, signal) => finish({ code, signal }));
      // A process that never started emits 'error' and no 'exit'.
      child.on('error', (error) => {
        if (child.pid === undefined) finish({ code: null, signal: null, spawnError: error.message });
      });
    });
    this.closed = new Promise((resolve) => {
      child.once('close', () => resolve());
      void this.exited.then(() => child.pid === undefined && resolve());
    });
    const read = (stream: OutputStream) => (line: string) => {
      const content = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
      if (stream === 'stderr') this.stderrTail = (this.stderrTail + content + '\n').slice(-4096);
      onOutput(stream, content);
    };
    if (child.stdout) createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', read('stdout'));
    if (child.stderr) createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', read('stderr'));
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  /**
   * Resolves once `GET probePath` on the child's port answers 2xx/3xx. Rejects with a NotReadyError
   * when the child exits first (once its last output arrived), after `timeoutMs`, or on `signal`.
   * The child is left as it is: stopping it is the caller's decision.
   */
  async waitReady(probePath: string, options: { timeoutMs: number; probeTimeoutMs: number; signal?: AbortSignal }): Promise<void> {
    const deadline = Date.now() + options.timeoutMs;
    let lastReason = 'nothing answered';
    while (!this.exit) {
      if (options.signal?.aborted) throw new NotReadyError('stopped before becoming ready');
      const probe = await probeHttp({ host: LOOPBACK, port: this.port }, probePath, options.probeTimeoutMs);
      // An answer after the child's exit came from another program on that port.
      if (probe.ok && !this.exit) return;
      if (!probe.ok) lastReason = probe.reason;
      if (Date.now() >= deadline) {
        throw new NotReadyError(`not ready after ${options.timeoutMs / 1000} s: its probe GET ${probePath} failed: ${lastReason}`);
      }
      await pause(PROBE_INTERVAL_MS, options.signal, this.exited);
    }
    const exit = this.exit;
    await this.drained();
    throw new NotReadyError(`${exitReason(exit)} before becoming ready`, this.stderrTail.includes('EADDRINUSE'));
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone and its output read. */
  async terminate(graceMs: number): Promise<void> {
    if (!this.exit) {
      this.signal('SIGTERM');
      const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
      try {
        await this.exited;
      } finally {
        clearTimeout(timer);
      }
    }
    await this.drained();
  }

  /** Waits (briefly) for the output the child printed before its exit. */
  drained(): Promise<void> {
    return Promise.race([this.closed, new Promise<void>((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.exit) return;
    try {
      this.child.kill(signal);
    } catch {
      // gone meanwhile: 'exit' follows
    }
  }
}
