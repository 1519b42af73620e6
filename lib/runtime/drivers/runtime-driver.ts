// The contract every engine (process, docker, swarm) implements. The app
// controller owns the lifecycle and the database; a driver only makes the
// engine run what it is told, says what runs, and reports what happened.

/** One generation of an app, as the engine should run it. */
export interface RunSpec {
  appId: string;
  /** Bumped whenever what runs changes (image, command, env, port, probe, resources): the unit of a rollout. */
  generation: number;
  image: string;
  /** Overrides the image's command; null keeps the image's own. */
  command: string[] | null;
  /** `secret` values must never be read back: drivers that keep or forward output mask them. */
  env: { name: string; value: string; secret?: boolean }[];
  /** The port the app listens on inside its replica (`defaultHttpPort`). */
  port: number;
  /** RUNNING only once `GET probe.path` on `probe.port` answers 2xx/3xx. */
  probe: { path: string; port: number };
  /** Limits; null = the engine's default (no limit). */
  resources: { cpu: number | null; memoryMiB: number | null };
  replicas: number;
}

/** Where a replica answers, always reachable from this host (127.0.0.1 + published port, or host networking). */
export interface ReplicaAddress {
  host: string;
  port: number;
}

/**
 * - starting: created, or running but not yet answering its probe (booting, or just restarted);
 * - running: answers its probe: the only state the gateway routes to;
 * - restarting: down, the engine's restart policy brings it back;
 * - exited: down for good (the restart policy gave up, or it was stopped).
 */
export type ReplicaState = 'starting' | 'running' | 'restarting' | 'exited';

export interface ObservedReplica {
  /** The engine's id: container id, task id, or pid. */
  id: string;
  /** 1..replicas, stable across restarts of the same replica. */
  slot: number;
  generation: number;
  state: ReplicaState;
  /** Where it answers while the engine runs it; null while it has none (not started, restarting, exited). Route to `running` replicas only. */
  address: ReplicaAddress | null;
  restartCount: number;
  exitCode: number | null;
  /** The engine's own explanation (OOMKilled, a task error), if any. */
  error: string | null;
  startedAt: Date | null;
}

export interface ObservedApp {
  appId: string;
  /** A replica being retired by a rollout (out of rotation, draining before its stop) is not listed. */
  replicas: ObservedReplica[];
  /** The digest of the image the replicas run, when the engine knows it. */
  imageDigest: string | null;
}

/** Hints, not truth: on any of them the controller observes the app again. */
export type RuntimeEvent =
  | {
      type: 'crash';
      appId: string;
      replicaId: string;
      exitCode: number | null;
      /** "exited with code 1", "OOMKilled", ... */
      reason: string;
      /** False once the restart policy has given up: the replica stays down. */
      willRestart: boolean;
    }
  /** Also at each step of a rollout (a new replica ready, an old one out of rotation): the gateway's cue to re-read addresses. */
  | { type: 'changed'; appId: string };

export interface LogLine {
  timestamp: Date;
  /** Which replica printed it (slot number as a string, or the engine's short id). */
  replica: string;
  stream: 'stdout' | 'stderr';
  content: string;
}

export interface LogOptions {
  /** The last N lines (before `follow` continues). */
  tail?: number;
  since?: Date;
  follow?: boolean;
  signal?: AbortSignal;
}

/** A failure the operator should read: the reason, and what the app printed last. */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
  constructor(
    message: string,
    readonly lastOutput: string[] = [],
  ) {
    super(message);
  }
}

export interface RuntimeDriver {
  readonly name: 'process' | 'docker' | 'swarm';
  /** Resolves when the engine answers (readiness); rejects with the reason otherwise. */
  ping(): Promise<void>;
  /**
   * Makes the engine run `spec.replicas` ready replicas of `spec.generation`. Replicas of other
   * generations are replaced one by one: a new replica starts and passes its probe before an old
   * one is removed. Idempotent: replicas already running this generation are kept (adoption).
   * Resolves with what runs once the rollout is done. If the new generation cannot become ready,
   * rejects with a RuntimeError and leaves the old generation's replicas serving.
   * `progress` receives human status lines ("pulling image: 45%", "replica 2/3 ready").
   */
  apply(spec: RunSpec, progress: (info: string) => void, signal?: AbortSignal): Promise<ObservedApp>;
  /** Removes every replica of the app; resolves once none is left. Stop and delete both use it. */
  remove(appId: string): Promise<void>;
  /** Everything the engine runs for this Tollgate, found by its labels (adoption, orphans). */
  list(): Promise<ObservedApp[]>;
  /** One app's replicas, or null when the engine runs none. */
  observe(appId: string): Promise<ObservedApp | null>;
  /** The app's output, every replica's, each line tagged with its replica. */
  logs(appId: string, options: LogOptions): AsyncIterable<LogLine>;
  /** Subscribes to crash and change hints; returns the unsubscribe function. */
  onEvent(listener: (event: RuntimeEvent) => void): () => void;
  /**
   * Server shutdown. process: its children stop with the server. docker and swarm: replicas keep
   * running, and the next start adopts them.
   */
  close(): Promise<void>;
}
