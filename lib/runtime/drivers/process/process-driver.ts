import { logMask } from '../../../apps/log-mask.ts';
import {
  RuntimeError,
  type LogLine,
  type LogOptions,
  type ObservedApp,
  type RunSpec,
  type RuntimeDriver,
  type RuntimeEvent,
} from '../runtime-driver.ts';
import { logger } from '../../../observability/logger.ts';
import { PortPool } from './free-port.ts';
import { checkSpec, resolveLaunch, type ImageOptions, type Launch } from './launch-spec.ts';
import { LogBuffer } from './log-buffer.ts';
import { Replica, type Backoff, type ReplicaContext } from './replica-supervisor.ts';
import { rollOut } from './roll-out.ts';
import { EventFanOut } from '../shared/event-fan-out.ts';
import { KeyedQueue } from '../shared/keyed-queue.ts';

export interface ProcessDriverOptions extends ImageOptions {
  /** How long a new (or restarted) replica has to pass its probe (default 30 s). */
  readyTimeoutMs?: number;
  /** One probe request (default 2 s). */
  probeTimeoutMs?: number;
  /** Between SIGTERM and SIGKILL (default 5 s). */
  stopGraceMs?: number;
  /** Between taking an old replica out of rotation and its SIGTERM, for in-flight requests (default 1 s). */
  drainMs?: number;
  /** Consecutive crashes a replica is restarted after; then it stays down (default 5; 0: never restarted). */
  restartMaxRetries?: number;
  /** Default: 200 ms doubling up to 10 s; reset by 30 s of being ready. */
  restartBackoff?: Partial<Backoff>;
  /** Lines of output kept per app (default 10,000). */
  logLines?: number;
  /** Receives each line the apps print, prefixed `[app <short id>/<slot>]`, and the driver's notes on crashes. Default: the logger (component "app"). */
  log?: (line: string, stream: 'stdout' | 'stderr') => void;
}

/**
 * Runs the built-in images as child `node` processes of the server, each replica on a free
 * 127.0.0.1 port given in PORT (HOST=127.0.0.1). The spec's `port` cannot be honoured (several
 * replicas would want it): the probe is sent to the replica's assigned port, whatever
 * `probe.port` says. Nothing survives the server: after a restart list() is empty and the
 * controller applies its apps again.
 */
export class ProcessDriver implements RuntimeDriver {
  readonly name = 'process' as const;

  private readonly options: ProcessDriverOptions;
  private readonly backoff: Backoff;
  private readonly ports = new PortPool();
  /** Per app, its replicas in rotation or on their way; an app without any has no entry. */
  private readonly apps = new Map<string, Replica[]>();
  /** Replicas out of rotation and not yet stopped (draining). */
  private readonly leaving = new Set<Replica>();
  /** Kept after remove(), so a stopped app's output stays readable, until the next fresh apply or close(). */
  private readonly buffers = new Map<string, LogBuffer>();
  private readonly listeners = new EventFanOut<RuntimeEvent>((message) => this.log(message, 'stderr'));
  /** Per app, its apply/remove queue: one operation at a time per app. */
  private readonly queues = new KeyedQueue();
  private readonly log: (line: string, stream: 'stdout' | 'stderr') => void;
  private closed = false;

  constructor(options: ProcessDriverOptions = {}) {
    const retries = options.restartMaxRetries ?? 5;
    if (!Number.isInteger(retries) || retries < 0) throw new Error(`restartMaxRetries must be a whole number ≥ 0, got ${retries}`);
    this.options = options;
    this.backoff = { initialMs: 200, maxMs: 10_000, stableMs: 30_000, ...options.restartBackoff };
    this.log = options.log ?? ((line, stream) => logger().info({ component: 'app', stream }, line));
  }

  async ping(): Promise<void> {
    // The engine is this process.
  }

  apply(spec: RunSpec, progress: (info: string) => void, signal?: AbortSignal): Promise<ObservedApp> {
    return this.queues.run(spec.appId, async () => {
      if (this.closed) throw new RuntimeError('the process runtime is shut down');
      checkSpec(spec);
      const launch = resolveLaunch(spec, this.options);
      // A fresh start (nothing runs): the previous run's output goes.
      if (!this.apps.has(spec.appId)) this.buffers.get(spec.appId)?.clear();
      const context = this.replicaContext(spec, launch);
      await rollOut(
        {
          replicas: () => [...(this.apps.get(spec.appId) ?? [])],
          create: (slot) => {
            if (this.closed) throw new RuntimeError('the process runtime is shut down');
            const replica = new Replica(context, slot, spec.generation);
            this.apps.set(spec.appId, [...(this.apps.get(spec.appId) ?? []), replica]);
            return replica;
          },
          retire: (replica) => this.takeDown(spec.appId, [replica], { drainMs: this.options.drainMs ?? 1_000 }),
          discard: (replica) => this.takeDown(spec.appId, [replica], { graceMs: 1_000, quiet: true }),
          changed: () => this.emit({ type: 'changed', appId: spec.appId }),
          readyTimeoutMs: context.readyTimeoutMs,
        },
        spec,
        progress,
        signal,
      );
      return (await this.observe(spec.appId)) ?? { appId: spec.appId, replicas: [], imageDigest: null };
    });
  }

  remove(appId: string): Promise<void> {
    return this.queues.run(appId, () => this.takeDown(appId, this.apps.get(appId) ?? [], {}));
  }

  async list(): Promise<ObservedApp[]> {
    return [...this.apps.keys()].map((appId) => this.observeNow(appId)).filter((app) => app !== null);
  }

  async observe(appId: string): Promise<ObservedApp | null> {
    return this.observeNow(appId);
  }

  logs(appId: string, options: LogOptions): AsyncIterable<LogLine> {
    // Following an app that printed nothing yet waits for its first lines.
    const buffer = this.buffers.get(appId) ?? (options.follow && !this.closed ? this.buffer(appId) : null);
    return buffer ? buffer.read(options) : (async function* () {})();
  }

  onEvent(listener: (event: RuntimeEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Stops every child (SIGTERM, then SIGKILL after the grace) and ends every log follow. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...[...this.apps.values()].flat(), ...this.leaving];
    this.apps.clear();
    await Promise.all(all.map((r) => r.stop()));
    for (const buffer of this.buffers.values()) buffer.close();
    this.buffers.clear();
  }

  /** The pid of a replica's live child, by replica id (tests, diagnostics). */
  pid(replicaId: string): number | null {
    const all = [...[...this.apps.values()].flat(), ...this.leaving];
    return all.find((r) => r.id === replicaId)?.pid ?? null;
  }

  private observeNow(appId: string): ObservedApp | null {
    const replicas = this.apps.get(appId);
    if (!replicas || replicas.length === 0) return null;
    const observed = replicas.map((r) => r.observe()).sort((a, b) => b.generation - a.generation || a.slot - b.slot);
    return { appId, replicas: observed, imageDigest: null };
  }

  private replicaContext(spec: RunSpec, launch: Launch): ReplicaContext {
    const short = spec.appId.slice(0, 8);
    const mask = logMask(spec.env.filter((env) => env.secret).map((env) => env.value));
    return {
      launch,
      probePath: spec.probe.path,
      ports: this.ports,
      readyTimeoutMs: this.options.readyTimeoutMs ?? 30_000,
      probeTimeoutMs: this.options.probeTimeoutMs ?? 2_000,
      stopGraceMs: this.options.stopGraceMs ?? 5_000,
      restartMaxRetries: this.options.restartMaxRetries ?? 5,
      backoff: this.backoff,
      output: (slot, stream, raw) => {
        // An app that prints its secret (or a caller's token) must not hand it to whoever reads the logs.
        const content = mask(raw);
        this.buffer(spec.appId).push({ timestamp: new Date(), replica: String(slot), stream, content });
        this.log(`[app ${short}/${slot}] ${content}`, stream);
      },
      crash: ({ replicaId, exitCode, reason, willRestart }) => {
        const slot = this.apps.get(spec.appId)?.find((r) => r.id === replicaId)?.slot ?? '?';
        this.log(`[app ${short}/${slot}] ${reason}${willRestart ? '; restarting' : ''}`, 'stderr');
        this.emit({ type: 'crash', appId: spec.appId, replicaId, exitCode, reason, willRestart });
      },
      changed: () => this.emit({ type: 'changed', appId: spec.appId }),
      ready: (slot, port, pid) => this.log(`[app ${short}/${slot}] ${spec.image} ready on 127.0.0.1:${port} (pid ${pid ?? '?'}, generation ${spec.generation})`, 'stdout'),
    };
  }

  private buffer(appId: string): LogBuffer {
    let buffer = this.buffers.get(appId);
    if (!buffer) this.buffers.set(appId, (buffer = new LogBuffer(this.options.logLines)));
    return buffer;
  }

  /** Out of observe() first, `changed` (the gateway stops routing there), then stopped. */
  private async takeDown(appId: string, replicas: Replica[], how: { drainMs?: number; graceMs?: number; quiet?: boolean }): Promise<void> {
    if (replicas.length === 0) return;
    const left = (this.apps.get(appId) ?? []).filter((r) => !replicas.includes(r));
    if (left.length > 0) this.apps.set(appId, left);
    else this.apps.delete(appId);
    for (const r of replicas) this.leaving.add(r);
    if (!how.quiet) this.emit({ type: 'changed', appId });
    try {
      await Promise.all(replicas.map((r) => r.stop(how)));
    } finally {
      for (const r of replicas) this.leaving.delete(r);
    }
  }

  private emit(event: RuntimeEvent): void {
    this.listeners.emit(event);
  }
}
