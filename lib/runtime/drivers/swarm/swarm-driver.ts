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
import { dockerMessage } from '../docker/docker-error.ts';
import { removeService, rollOut, type RollOutContext } from './roll-out.ts';
import { SWARM_NAMESPACE_PATTERN } from './service-spec.ts';
import { SwarmEvents } from './swarm-events.ts';
import { serviceLogs } from './swarm-logs.ts';
import { checkOverlayNetwork, ensureLoopbackNetwork } from './swarm-network.ts';
import { listServices, listTasks, observeService, type Addressing } from './swarm-tasks.ts';
import { checkSpec } from '../shared/check-spec.ts';
import { EventFanOut } from '../shared/event-fan-out.ts';
import { KeyedQueue } from '../shared/keyed-queue.ts';
import { removeAll } from '../shared/remove-all.ts';

export interface SwarmDriverOptions {
  /** A manager of the swarm. Default: the engine DOCKER_HOST names, else /var/run/docker.sock. */
  docker?: Dockerode;
  /** Label value separating Tollgate installs (and test runs) that share one swarm; part of service names. */
  namespace: string;
  /**
   * SWARM_NETWORK: an overlay network Tollgate itself is attached to (multi-node). Tasks join it,
   * publish nothing, and are reached at their address on it. Unset: one-node loopback mode, each
   * task's ports published on 127.0.0.1 of the node (see swarm-network.ts, docs/swarm.md).
   */
  network?: string | null;
  /** Swarm's RestartPolicy.MaxAttempts: restarts of a crashing replica (per slot and generation) before it stays down (default 5). */
  restartMaxAttempts?: number;
  /** Swarm's RestartPolicy.Delay (default 1 s). */
  restartDelayMs?: number;
  /** Swarm's UpdateConfig.Monitor: how long after its start a new task's exit counts as the update's failure (default 5 s). */
  monitorMs?: number;
  /** One readiness probe request (default 2 s). */
  probeTimeoutMs?: number;
  /** How long a rollout waits for its next replica to become ready (default 60 s). */
  readyTimeoutMs?: number;
  /** How often an apply reads the tasks (default 250 ms). */
  pollMs?: number;
  /** How often, when subscribed, tasks are read for crashes and changes (default 2 s; sooner on local container events). */
  watchIntervalMs?: number;
  /** A spare replica of the old generation during a rollout, so capacity never drops (default true). */
  surge?: boolean;
  /** Where the driver's own troubles go. Default: console.warn. */
  warn?: (message: string) => void;
}

/** Runs each app as one Swarm service, found again by its labels after any restart. */
export class SwarmDriver implements RuntimeDriver {
  readonly name = 'swarm' as const;

  private readonly docker: Dockerode;
  private readonly namespace: string;
  private readonly addressing: Addressing;
  private readonly warn: (message: string) => void;
  private readonly listeners = new EventFanOut<RuntimeEvent>((message) => this.warn(message));
  /** Per app, its apply/remove queue: one operation at a time per app. */
  private readonly queues = new KeyedQueue();
  private readonly events: SwarmEvents;
  private readonly context: RollOutContext;
  private readonly probeTimeoutMs: number;

  constructor(options: SwarmDriverOptions) {
    if (!SWARM_NAMESPACE_PATTERN.test(options.namespace)) {
      throw new Error(`namespace must match ${SWARM_NAMESPACE_PATTERN}, got "${options.namespace}"`);
    }
    const whole = (name: string, value: number, min: number) => {
      if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${value}`);
      return value;
    };
    this.docker = options.docker ?? new Dockerode();
    this.namespace = options.namespace;
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.probeTimeoutMs = options.probeTimeoutMs ?? 2_000;
    const network = options.network || null;
    this.addressing = network ? { mode: 'overlay', network } : { mode: 'loopback' };
    this.context = {
      docker: this.docker,
      namespace: this.namespace,
      addressing: this.addressing,
      spec: {
        namespace: this.namespace,
        restartMaxAttempts: whole('restartMaxAttempts', options.restartMaxAttempts ?? 5, 0),
        restartDelayMs: whole('restartDelayMs', options.restartDelayMs ?? 1_000, 0),
        monitorMs: whole('monitorMs', options.monitorMs ?? 5_000, 0),
      },
      network: () => (network ? checkOverlayNetwork(this.docker, network) : ensureLoopbackNetwork(this.docker, this.namespace)),
      readyTimeoutMs: whole('readyTimeoutMs', options.readyTimeoutMs ?? 60_000, 1),
      probeTimeoutMs: this.probeTimeoutMs,
      pollMs: whole('pollMs', options.pollMs ?? 250, 10),
      surge: options.surge ?? true,
      changed: () => {},
    };
    this.events = new SwarmEvents({
      docker: this.docker,
      namespace: this.namespace,
      intervalMs: whole('watchIntervalMs', options.watchIntervalMs ?? 2_000, 100),
      emit: (event) => this.emit(event),
      warn: this.warn,
    });
  }

  /** Resolves when the engine answers and is a manager of an active swarm. */
  async ping(): Promise<void> {
    let info: { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; Error?: string } };
    try {
      await this.docker.ping();
      info = (await this.docker.info()) as typeof info;
    } catch (error) {
      throw new RuntimeError(`the Docker engine does not answer: ${dockerMessage(error)}`);
    }
    const state = info.Swarm?.LocalNodeState ?? 'unknown';
    if (state !== 'active') {
      throw new RuntimeError(
        `RUNTIME=swarm needs a swarm manager, and this Docker engine is not part of an active swarm (its swarm state is "${state}"${info.Swarm?.Error ? `: ${info.Swarm.Error}` : ''}): run \`docker swarm init\`, or point DOCKER_HOST at a manager`,
      );
    }
    if (!info.Swarm?.ControlAvailable) {
      throw new RuntimeError('RUNTIME=swarm needs a swarm manager, and this Docker engine is a worker node: point DOCKER_HOST at a manager');
    }
  }

  apply(spec: RunSpec, progress: (info: string) => void, signal?: AbortSignal): Promise<ObservedApp> {
    return this.queues.run(spec.appId, async () => {
      checkSpec(spec);
      await rollOut({ ...this.context, changed: () => this.emit({ type: 'changed', appId: spec.appId }) }, spec, progress, signal);
      this.events.hint();
      return (await this.observe(spec.appId)) ?? { appId: spec.appId, replicas: [], imageDigest: null };
    });
  }

  remove(appId: string): Promise<void> {
    return this.queues.run(appId, () =>
      removeAll(
        () => listServices(this.docker, this.namespace, appId),
        async (services) => {
          await Promise.all(services.map((s) => removeService(this.docker, s)));
          this.emit({ type: 'changed', appId });
        },
        (left) => `services of app ${appId} keep appearing: ${left.map((s) => s.Spec?.Name ?? s.ID).join(', ')}`,
      ),
    );
  }

  async list(): Promise<ObservedApp[]> {
    const services = await listServices(this.docker, this.namespace);
    const tasks = await listTasks(this.docker, services.map((s) => s.ID));
    const apps = await Promise.all(services.map((s) => observeService(this.docker, s, tasks, this.observeOptions())));
    return apps.filter((app): app is ObservedApp => app !== null);
  }

  async observe(appId: string): Promise<ObservedApp | null> {
    const [service] = await listServices(this.docker, this.namespace, appId);
    if (!service) return null;
    return observeService(this.docker, service, await listTasks(this.docker, [service.ID]), this.observeOptions());
  }

  logs(appId: string, options: LogOptions): AsyncIterable<LogLine> {
    return serviceLogs(
      this.docker,
      async () => {
        const [service] = await listServices(this.docker, this.namespace, appId);
        if (!service) return null;
        const tasks = await listTasks(this.docker, [service.ID]);
        return { serviceId: service.ID, slots: new Map(tasks.map((t) => [t.ID, t.Slot ?? 0])) };
      },
      options,
    );
  }

  onEvent(listener: (event: RuntimeEvent) => void): () => void {
    const off = this.listeners.add(listener);
    // Started on the first subscriber: a driver nobody listens to reads nothing in the background.
    this.events.start();
    return off;
  }

  /** Services keep running: the next driver adopts them by their labels. */
  async close(): Promise<void> {
    await this.events.close();
  }

  private observeOptions() {
    return { addressing: this.addressing, probeTimeoutMs: this.probeTimeoutMs };
  }

  private emit(event: RuntimeEvent): void {
    this.listeners.emit(event);
  }
}
