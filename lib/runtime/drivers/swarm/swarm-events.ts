import type Dockerode from 'dockerode';
import type { RuntimeEvent } from '../runtime-driver.ts';
import { crashReason } from '../docker/docker-events.ts';
import { ContainerEvents } from '../shared/container-events.ts';
import { deliver } from '../shared/event-fan-out.ts';
import { readIdentity } from './service-spec.ts';
import { earlierFailures, exitCodeOf, listServices, listTasks, specKey } from './swarm-tasks.ts';
import { createdAt, endedOnItsOwn, type SwarmService, type SwarmTask } from './swarm-types.ts';

export interface SwarmEventsOptions {
  docker: Dockerode;
  namespace: string;
  /** How often tasks are read when nothing hints at a change (tasks on other nodes send no local event). */
  intervalMs: number;
  emit: (event: RuntimeEvent) => void;
  warn: (message: string) => void;
}

/** After a container event, the task's new state reaches the manager a moment later: read again at these delays. */
const HINT_DELAYS_MS = [100, 600, 1_500];

/**
 * Swarm has no task events (its /events stream tells of services, nodes, configs): the truth is in
 * the task list. This reads the namespace's tasks every `intervalMs`, and soon after a `die`/`start`
 * of one of its containers on this node (the engine's container events carry the task template's
 * labels), and turns what changed into RuntimeEvents:
 * - `crash` for a task that ended on its own (failed, complete, rejected), with its exit code and
 *   whether Swarm restarts it: known once Swarm has acted on the failure (the task's desired state
 *   leaves `running`), as a successor task of the same generation in the same slot, or none;
 * - `changed` for every app whose tasks changed state or desired state, appeared or went away.
 */
export class SwarmEvents {
  private closed = false;
  private started = false;
  private timer: NodeJS.Timeout | null = null;
  /** This node's container events for the namespace: hints to read the tasks now. */
  private readonly containerEvents: ContainerEvents;
  /** Task id → `state/desiredState` as last read; null before the first read. */
  private states: Map<string, string> | null = null;
  private readonly reported = new Set<string>();
  private polling: Promise<void> | null = null;
  private again = false;
  private since = 0;

  constructor(private readonly options: SwarmEventsOptions) {
    this.containerEvents = new ContainerEvents({
      docker: options.docker,
      namespace: options.namespace,
      since: () => this.since,
      onData: () => {
        this.since = Date.now() / 1000;
        this.hint();
      },
      warn: options.warn,
    });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.since = Date.now() / 1000;
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.timer.unref();
    this.containerEvents.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.containerEvents.close();
    await this.polling;
  }

  /** A hint that tasks moved: read them now, and a little later again. */
  hint(): void {
    if (!this.started || this.closed) return;
    for (const delay of HINT_DELAYS_MS) setTimeout(() => void this.poll(), delay).unref();
  }

  /** One read at a time; a read asked for meanwhile runs once the current one ends. */
  private poll(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.polling) {
      this.again = true;
      return this.polling;
    }
    this.polling = (async () => {
      do {
        this.again = false;
        try {
          await this.read();
        } catch (error) {
          this.options.warn(`swarm tasks: ${error instanceof Error ? error.message : String(error)}`);
        }
      } while (this.again && !this.closed);
      this.polling = null;
    })();
    return this.polling;
  }

  private async read(): Promise<void> {
    const services = await listServices(this.options.docker, this.options.namespace);
    const tasks = await listTasks(this.options.docker, services.map((s) => s.ID));
    const appOf = new Map(services.map((s) => [s.ID, readIdentity(s.Spec?.Labels)?.appId]));
    const first = this.states === null;
    const previous = this.states ?? new Map<string, string>();
    const now = new Map<string, string>();
    const changed = new Set<string>();
    for (const task of tasks) {
      const appId = task.ServiceID ? appOf.get(task.ServiceID) : undefined;
      if (!appId) continue;
      const key = `${task.Status?.State}/${task.DesiredState}`;
      now.set(task.ID, `${appId}|${key}`);
      if (previous.get(task.ID) !== `${appId}|${key}`) changed.add(appId);
      if (first) {
        // What ended before this driver looked is history, not news.
        if (endedOnItsOwn(task.Status?.State)) this.reported.add(task.ID);
        continue;
      }
      const crash = this.crashOf(task, tasks, services.find((s) => s.ID === task.ServiceID), appId);
      if (crash) this.safeEmit(crash);
    }
    for (const [id, entry] of previous) if (!now.has(id)) changed.add(entry.split('|')[0]!);
    for (const id of this.reported) if (!now.has(id)) this.reported.delete(id);
    this.states = now;
    if (first) return;
    for (const appId of changed) this.safeEmit({ type: 'changed', appId });
  }

  private crashOf(task: SwarmTask, tasks: SwarmTask[], service: SwarmService | undefined, appId: string): RuntimeEvent | null {
    if (this.reported.has(task.ID) || !endedOnItsOwn(task.Status?.State)) return null;
    // Taken down with its service, or by a scale down: whatever it exited with, no crash.
    if (task.DesiredState === 'remove') return null;
    // Swarm has not acted on it yet: it moves the ended task's desired state on in the same
    // transaction as it creates its successor (or decides not to). Next read.
    if (task.DesiredState === 'running' || task.DesiredState === 'ready') return null;
    this.reported.add(task.ID);
    const slotTasks = tasks.filter((t) => t.ServiceID === task.ServiceID && t.Slot === task.Slot);
    const willRestart = slotTasks.some((t) => createdAt(t) > createdAt(task) && specKey(t) === specKey(task));
    const exitCode = exitCodeOf(task);
    let reason = task.Status?.State === 'rejected' ? `could not start: ${task.Status?.Err || 'rejected by the node'}` : crashReason(exitCode, false);
    if (!willRestart) {
      const restarts = earlierFailures(task, slotTasks).length;
      const max = service?.Spec?.TaskTemplate?.RestartPolicy?.MaxAttempts ?? 0;
      reason += max > 0 && restarts >= max ? `; not restarted again after ${restarts} restarts` : '; Swarm will not restart it';
    }
    return { type: 'crash', appId, replicaId: task.ID, exitCode, reason, willRestart };
  }

  private safeEmit(event: RuntimeEvent): void {
    if (!this.closed) deliver(this.options.emit, event, this.options.warn);
  }
}
