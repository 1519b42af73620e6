import {
  RuntimeError,
  type LogLine,
  type ObservedApp,
  type ObservedReplica,
  type RunSpec,
  type RuntimeDriver,
  type RuntimeEvent,
} from '../../../lib/runtime/drivers/runtime-driver.ts';

/**
 * An engine in memory, for the controller's tests: it "runs" what it is told
 * at once, unless a test holds an operation at a gate or makes it fail, and
 * lets a test crash replicas.
 */
export class FakeDriver implements RuntimeDriver {
  readonly name = 'process' as const;
  readonly apps = new Map<string, ObservedApp>();
  readonly applied: RunSpec[] = [];
  readonly removed: string[] = [];
  /** The next apply of this generation fails with this error (the old replicas stay). */
  failGeneration = new Map<number, RuntimeError>();
  output = new Map<string, string[]>();
  /** Say "changed" as an apply ends, as Docker's container events do. */
  announceApplies = false;
  /** Awaited at the start of every observe (a test looks at the database there). */
  beforeObserve: ((appId: string) => Promise<void>) | null = null;
  private gate: Promise<void> | null = null;
  private listeners = new Set<(event: RuntimeEvent) => void>();
  private nextPort = 20_000;

  /** Operations wait until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    return () => {
      this.gate = null;
      release();
    };
  }

  async ping() {}

  async apply(spec: RunSpec, progress: (info: string) => void): Promise<ObservedApp> {
    await this.gate;
    this.applied.push(spec);
    const failure = this.failGeneration.get(spec.generation);
    if (failure) {
      this.failGeneration.delete(spec.generation);
      throw failure;
    }
    const existing = this.apps.get(spec.appId)?.replicas ?? [];
    const replicas: ObservedReplica[] = [];
    for (let slot = 1; slot <= spec.replicas; slot++) {
      const kept = existing.find((r) => r.slot === slot && r.generation === spec.generation && r.state === 'running');
      replicas.push(kept ?? this.replica(spec.generation, slot));
      progress(`replica ${slot}/${spec.replicas} ready`);
    }
    const app = { appId: spec.appId, replicas, imageDigest: `sha256:${spec.image.length}` };
    this.apps.set(spec.appId, app);
    if (this.announceApplies) this.emit({ type: 'changed', appId: spec.appId });
    return structuredClone(app);
  }

  async remove(appId: string) {
    await this.gate;
    this.removed.push(appId);
    this.apps.delete(appId);
  }

  async list() {
    return [...this.apps.values()].map((app) => structuredClone(app));
  }

  async observe(appId: string) {
    await this.beforeObserve?.(appId);
    const app = this.apps.get(appId);
    return app ? structuredClone(app) : null;
  }

  async *logs(appId: string): AsyncIterable<LogLine> {
    for (const content of this.output.get(appId) ?? []) yield { timestamp: new Date(), replica: '1', stream: 'stdout', content };
  }

  onEvent(listener: (event: RuntimeEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close() {}

  /** A replica process dies; the engine gives up on it unless `willRestart`. */
  crash(appId: string, slot: number, willRestart: boolean) {
    const replica = this.apps.get(appId)?.replicas.find((r) => r.slot === slot);
    if (!replica) throw new Error(`no replica ${slot}`);
    replica.state = willRestart ? 'restarting' : 'exited';
    replica.exitCode = 1;
    replica.address = null;
    this.emit({ type: 'crash', appId, replicaId: replica.id, exitCode: 1, reason: 'exited with code 1', willRestart });
  }

  /** The engine brought a crashed replica back, on a new port. */
  restart(appId: string, slot: number) {
    const app = this.apps.get(appId)!;
    app.replicas = app.replicas.map((r) => (r.slot === slot ? this.replica(r.generation, slot) : r));
    this.emit({ type: 'changed', appId });
  }

  private emit(event: RuntimeEvent) {
    for (const listener of this.listeners) listener(event);
  }

  private replica(generation: number, slot: number): ObservedReplica {
    const port = this.nextPort++;
    return { id: `fake-${port}`, slot, generation, state: 'running', address: { host: '127.0.0.1', port }, restartCount: 0, exitCode: null, error: null, startedAt: new Date() };
  }
}
