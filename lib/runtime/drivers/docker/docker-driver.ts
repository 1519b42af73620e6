import Dockerode from 'dockerode';
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
import { NAMESPACE_PATTERN } from './container-spec.ts';
import { dockerMessage } from './docker-error.ts';
import { DockerEvents } from './docker-events.ts';
import { dockerLogs } from './docker-logs.ts';
import { listManagedContainers, type ManagedContainer } from './managed-containers.ts';
import { observeContainers } from './observe-containers.ts';
import { removeContainer } from './remove-container.ts';
import { checkSpec } from '../shared/check-spec.ts';
import { EventFanOut } from '../shared/event-fan-out.ts';
import { KeyedQueue } from '../shared/keyed-queue.ts';
import { removeAll } from '../shared/remove-all.ts';
import { rollOut } from './roll-out.ts';

export interface DockerDriverOptions {
  /** Default: the engine DOCKER_HOST names, else /var/run/docker.sock. */
  docker?: Dockerode;
  /** Label value separating Tollgate installs (and test runs) that share one engine. */
  namespace: string;
  /** Docker's on-failure MaximumRetryCount: restarts before a crashing replica stays down (default 5). */
  restartMaxRetries?: number;
  /** One readiness probe request (default 2 s). */
  probeTimeoutMs?: number;
  /** How long a new replica has to pass its probe (default 60 s). */
  readyTimeoutMs?: number;
  /** Between taking an old replica out of rotation and its SIGTERM, for in-flight requests (default 1 s). */
  drainMs?: number;
  /** Where the driver's own troubles go (event stream reconnects). Default: the logger, as warnings. */
  warn?: (message: string) => void;
}

/** Seconds a replica that never became ready gets to stop: it serves nothing. */
const DISCARD_GRACE_SECONDS = 1;
/** How long a retired container's id is remembered, so its late `die` event is not taken for a crash. */
const RETIRED_MEMORY_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs apps as containers of one Docker engine, found again by their labels after any restart. */
export class DockerDriver implements RuntimeDriver {
  readonly name = 'docker' as const;

  private readonly docker: Dockerode;
  private readonly namespace: string;
  private readonly restartMaxRetries: number;
  private readonly probeTimeoutMs: number;
  private readonly readyTimeoutMs: number;
  private readonly drainMs: number;
  private readonly warn: (message: string) => void;
  private readonly listeners = new EventFanOut<RuntimeEvent>((message) => this.warn(message));
  /** Per app, its apply/remove queue: one operation at a time per app. */
  private readonly queues = new KeyedQueue();
  /** Containers this driver is taking down: out of rotation, and their `die` is no crash. */
  private readonly retiring = new Set<string>();
  private readonly events: DockerEvents;

  constructor(options: DockerDriverOptions) {
    if (!NAMESPACE_PATTERN.test(options.namespace)) {
      throw new Error(`namespace must match ${NAMESPACE_PATTERN}, got "${options.namespace}"`);
    }
    this.docker = options.docker ?? new Dockerode();
    this.namespace = options.namespace;
    this.restartMaxRetries = options.restartMaxRetries ?? 5;
    if (!Number.isInteger(this.restartMaxRetries) || this.restartMaxRetries < 0) {
      throw new Error(`restartMaxRetries must be a whole number ≥ 0, got ${this.restartMaxRetries}`);
    }
    this.probeTimeoutMs = options.probeTimeoutMs ?? 2_000;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
    this.drainMs = options.drainMs ?? 1_000;
    this.warn = options.warn ?? ((message) => logger().warn({ component: 'docker' }, message));
    this.events = new DockerEvents({
      docker: this.docker,
      namespace: this.namespace,
      restartMaxRetries: this.restartMaxRetries,
      isRetiring: (id) => this.retiring.has(id),
      emit: (event) => this.emit(event),
      warn: this.warn,
    });
  }

  async ping(): Promise<void> {
    try {
      await this.docker.ping();
    } catch (error) {
      throw new RuntimeError(`the Docker engine does not answer: ${dockerMessage(error)}`);
    }
  }

  apply(spec: RunSpec, progress: (info: string) => void, signal?: AbortSignal): Promise<ObservedApp> {
    return this.queues.run(spec.appId, async () => {
      checkSpec(spec);
      await rollOut(
        {
          docker: this.docker,
          namespace: this.namespace,
          restartMaxRetries: this.restartMaxRetries,
          readyTimeoutMs: this.readyTimeoutMs,
          probeTimeoutMs: this.probeTimeoutMs,
          retire: (container) => this.retire(container),
          discard: (id) => this.takeDown(id, DISCARD_GRACE_SECONDS),
          changed: () => this.emit({ type: 'changed', appId: spec.appId }),
        },
        spec,
        progress,
        signal,
      );
      return (await this.observe(spec.appId)) ?? { appId: spec.appId, replicas: [], imageDigest: null };
    });
  }

  remove(appId: string): Promise<void> {
    return this.queues.run(appId, () =>
      removeAll(
        () => listManagedContainers(this.docker, this.namespace, appId),
        async (containers) => {
          await Promise.all(containers.map((c) => this.takeDown(c.id)));
        },
        (left) => `containers of app ${appId} keep appearing: ${left.map((c) => c.name).join(', ')}`,
      ),
    );
  }

  async list(): Promise<ObservedApp[]> {
    const containers = await listManagedContainers(this.docker, this.namespace);
    return observeContainers(this.docker, containers, { probeTimeoutMs: this.probeTimeoutMs, retiring: this.retiring });
  }

  async observe(appId: string): Promise<ObservedApp | null> {
    const containers = await listManagedContainers(this.docker, this.namespace, appId);
    const [app] = await observeContainers(this.docker, containers, { probeTimeoutMs: this.probeTimeoutMs, retiring: this.retiring });
    return app ?? null;
  }

  logs(appId: string, options: LogOptions): AsyncIterable<LogLine> {
    const sources = async () =>
      (await listManagedContainers(this.docker, this.namespace, appId)).map((c) => ({
        id: c.id,
        replica: String(c.slot),
        live: c.status === 'running' || c.status === 'restarting',
      }));
    return dockerLogs(this.docker, sources, options);
  }

  onEvent(listener: (event: RuntimeEvent) => void): () => void {
    const off = this.listeners.add(listener);
    // Opened on the first subscriber: a driver nobody listens to holds no stream open.
    this.events.start();
    return off;
  }

  async close(): Promise<void> {
    await this.events.close();
  }

  private emit(event: RuntimeEvent): void {
    this.listeners.emit(event);
  }

  /** Out of rotation first (observe stops reporting it, `changed` says so), then a drain, then the stop. */
  private async retire(container: ManagedContainer): Promise<void> {
    this.retiring.add(container.id);
    this.emit({ type: 'changed', appId: container.appId });
    if (container.status === 'running') await sleep(this.drainMs);
    await this.takeDown(container.id);
  }

  private async takeDown(id: string, graceSeconds?: number): Promise<void> {
    this.retiring.add(id);
    try {
      await removeContainer(this.docker, id, graceSeconds);
    } finally {
      setTimeout(() => this.retiring.delete(id), RETIRED_MEMORY_MS).unref();
    }
  }
}
