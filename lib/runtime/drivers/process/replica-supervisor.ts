import { randomBytes } from 'node:crypto';
import type { ObservedReplica, ReplicaState } from '../runtime-driver.ts';
import { ChildReplica, NotReadyError, exitReason, type OutputStream } from './child-replica.ts';
import { LOOPBACK, type PortPool } from './free-port.ts';
import type { Launch } from './launch-spec.ts';

export interface Backoff {
  /** Before the first restart; doubles at each consecutive crash. */
  initialMs: number;
  maxMs: number;
  /** A life that was ready this long ends the streak: the next crash starts again at `initialMs`, with the whole retry budget. */
  stableMs: number;
}

export interface ReplicaContext {
  launch: Launch;
  probePath: string;
  ports: PortPool;
  readyTimeoutMs: number;
  probeTimeoutMs: number;
  stopGraceMs: number;
  restartMaxRetries: number;
  backoff: Backoff;
  output: (slot: number, stream: OutputStream, content: string) => void;
  crash: (event: { replicaId: string; exitCode: number | null; reason: string; willRestart: boolean }) => void;
  changed: () => void;
  /** A child passed its probe (logged, so an operator sees where and which pid). */
  ready?: (slot: number, port: number, pid: number | null) => void;
}

/** Tries on other ports when a child lost its port to another program before listening on it. */
const PORT_ATTEMPTS = 3;
/** A child that never became ready serves nothing: it gets this long between SIGTERM and SIGKILL. */
const DISCARD_GRACE_MS = 1_000;
const LAST_OUTPUT_LINES = 20;

/**
 * One replica (a slot of a generation): its id and slot stay while its children come and go.
 * The first child must become ready within `readyTimeoutMs` or start() rejects (no restart: a new
 * generation that crashes once would crash again). After that, a child that exits on its own is a
 * crash: reported, and replaced on a new port after a back-off, until `restartMaxRetries`
 * consecutive crashes; then the replica stays `exited`. A restarted child that does not become
 * ready in time counts as a crash too.
 */
export class Replica {
  readonly id = `proc-${randomBytes(6).toString('hex')}`;
  state: ReplicaState = 'starting';
  restartCount = 0;
  exitCode: number | null = null;
  error: string | null = null;
  startedAt: Date | null = null;
  private child: ChildReplica | null = null;
  private readyAt: number | null = null;
  /** Consecutive crashes: the back-off and the retry budget. */
  private failures = 0;
  private stopping = false;
  private readonly stopped = new AbortController();
  private restartTimer: NodeJS.Timeout | null = null;
  /** The start or restart in progress, which stop() waits for. */
  private pending: Promise<void> | null = null;
  private readonly tail: string[] = [];

  constructor(
    private readonly ctx: ReplicaContext,
    readonly slot: number,
    readonly generation: number,
  ) {}

  /** The first child, until ready. Rejects with a NotReadyError (the replica is then `exited`, its child gone). */
  start(signal?: AbortSignal): Promise<void> {
    const run = async () => {
      try {
        await this.launchChild(signal ? AbortSignal.any([signal, this.stopped.signal]) : this.stopped.signal);
      } catch (error) {
        this.state = 'exited';
        throw error;
      }
    };
    return this.track(run());
  }

  /**
   * Resolves once no child is left and no restart will come. From the call on, an exit is no crash.
   * `drainMs`: a serving child first gets this long for its in-flight requests (it is already out
   * of rotation), then SIGTERM, then SIGKILL after `graceMs`.
   */
  async stop(options: { graceMs?: number; drainMs?: number } = {}): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const serving = this.state === 'running';
    await this.pending?.catch(() => undefined);
    if (serving && options.drainMs) await new Promise((resolve) => setTimeout(resolve, options.drainMs));
    await this.child?.terminate(options.graceMs ?? this.ctx.stopGraceMs);
    this.state = 'exited';
  }

  /** Resolves once the replica is running (it may be restarting meanwhile); rejects once it is down for good, or after `timeoutMs`. */
  async waitRunning(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.state === 'running') return;
      if (this.state === 'exited') throw new NotReadyError(this.error ?? 'stopped');
      if (signal?.aborted) throw new NotReadyError('stopped before becoming ready');
      if (Date.now() >= deadline) throw new NotReadyError(`not ready after ${timeoutMs / 1000} s (${this.state})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** What the app printed last (both streams, every child of this replica). */
  lastOutput(): string[] {
    return [...this.tail];
  }

  /** The live child's pid (tests, diagnostics). */
  get pid(): number | null {
    return this.child && !this.child.exit ? this.child.pid : null;
  }

  observe(): ObservedReplica {
    const live = (this.state === 'running' || this.state === 'starting') && this.child !== null && !this.child.exit;
    return {
      id: this.id,
      slot: this.slot,
      generation: this.generation,
      state: this.state,
      address: live && this.child ? { host: LOOPBACK, port: this.child.port } : null,
      restartCount: this.restartCount,
      exitCode: this.exitCode,
      error: this.error,
      startedAt: this.startedAt,
    };
  }

  private track(task: Promise<void>): Promise<void> {
    this.pending = task;
    void task.then(
      () => this.pending === task && (this.pending = null),
      () => this.pending === task && (this.pending = null),
    );
    return task;
  }

  private async launchChild(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const port = await this.ctx.ports.take();
      if (signal.aborted) {
        this.ctx.ports.release(port);
        throw new NotReadyError('stopped before becoming ready');
      }
      const child = new ChildReplica(this.ctx.launch, port, (stream, content) => this.output(stream, content));
      void child.exited.then(() => this.ctx.ports.release(port));
      this.child = child;
      this.state = 'starting';
      this.startedAt = new Date();
      this.readyAt = null;
      try {
        await child.waitReady(this.ctx.probePath, { timeoutMs: this.ctx.readyTimeoutMs, probeTimeoutMs: this.ctx.probeTimeoutMs, signal });
      } catch (error) {
        // An exit code only when the child ended on its own; not the one it gave our SIGTERM.
        this.exitCode = child.exit?.code ?? null;
        await child.terminate(DISCARD_GRACE_MS);
        if (error instanceof NotReadyError && error.portInUse && attempt < PORT_ATTEMPTS && !signal.aborted) continue;
        throw error;
      }
      this.state = 'running';
      this.readyAt = Date.now();
      this.error = null;
      this.ctx.ready?.(this.slot, port, child.pid);
      void child.exited.then((info) => {
        if (!this.stopping && this.child === child) this.crashed(info.code, exitReason(info));
      });
      return;
    }
  }

  private crashed(exitCode: number | null, reason: string): void {
    if (this.readyAt !== null && Date.now() - this.readyAt >= this.ctx.backoff.stableMs) this.failures = 0;
    this.failures++;
    this.exitCode = exitCode;
    const willRestart = this.failures <= this.ctx.restartMaxRetries;
    if (!willRestart) reason += `; not restarted again after ${this.failures - 1} restart${this.failures === 2 ? '' : 's'}`;
    this.state = willRestart ? 'restarting' : 'exited';
    this.error = reason;
    this.ctx.crash({ replicaId: this.id, exitCode, reason, willRestart });
    this.ctx.changed();
    if (!willRestart) return;
    const { initialMs, maxMs } = this.ctx.backoff;
    const delay = Math.min(initialMs * 2 ** (this.failures - 1), maxMs);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      void this.track(this.restart());
    }, delay);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    this.restartCount++;
    try {
      await this.launchChild(this.stopped.signal);
    } catch (error) {
      if (this.stopping) return;
      this.crashed(this.exitCode, error instanceof Error ? error.message : String(error));
      return;
    }
    this.ctx.changed();
  }

  private output(stream: OutputStream, content: string): void {
    this.tail.push(content);
    if (this.tail.length > LAST_OUTPUT_LINES) this.tail.shift();
    this.ctx.output(this.slot, stream, content);
  }
}
