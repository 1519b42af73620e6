import { constants } from 'node:os';
import type Dockerode from 'dockerode';
import type { RuntimeEvent } from '../runtime-driver.ts';
import { ContainerEvents } from '../shared/container-events.ts';
import { deliver } from '../shared/event-fan-out.ts';
import { LABEL } from './container-labels.ts';
import { inspectManaged, listManagedContainers } from './managed-containers.ts';

export interface DockerEventsOptions {
  docker: Dockerode;
  namespace: string;
  restartMaxRetries: number;
  /** Containers the driver itself is stopping: their `die` is no crash. */
  isRetiring: (containerId: string) => boolean;
  emit: (event: RuntimeEvent) => void;
  /** Connection trouble, for the server log. */
  warn: (message: string) => void;
}

/** One line of Docker's /events stream (the fields used here). */
interface DockerEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/** "exited with code 137 (SIGKILL)", or "OOMKilled". */
export function crashReason(exitCode: number | null, oomKilled: boolean): string {
  if (oomKilled) return 'OOMKilled';
  if (exitCode === null) return 'exited';
  const signal = exitCode > 128 ? Object.entries(constants.signals).find(([, n]) => n === exitCode - 128)?.[0] : undefined;
  return `exited with code ${exitCode}${signal ? ` (${signal})` : ''}`;
}

/**
 * Docker's event stream for the namespace's containers, turned into RuntimeEvents: `changed` on
 * start, die, oom and destroy, and `crash` on a die the driver did not cause. The stream is kept
 * open across dockerd restarts: it reconnects with back-off, replays what it missed (`since`), and
 * says `changed` for every app once back, since a restarted daemon replays nothing.
 */
export class DockerEvents {
  private readonly stream: ContainerEvents;
  private started = false;
  private closed = false;
  private since = 0;
  /** The current connection's partial last line. */
  private buffered = '';
  /** Events are handled one after the other: a crash's inspect must not let later events overtake it. */
  private handling: Promise<void> = Promise.resolve();

  constructor(private readonly options: DockerEventsOptions) {
    this.stream = new ContainerEvents({
      docker: options.docker,
      namespace: options.namespace,
      since: () => this.since,
      onConnect: (reconnected) => {
        this.buffered = '';
        if (reconnected) void this.everyAppChanged();
      },
      onData: (chunk) => this.read(chunk),
      warn: options.warn,
    });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    // Replaying from the moment of the subscription: a container that dies while the first
    // connection is still being opened is reported all the same.
    this.since = Date.now() / 1000;
    this.stream.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stream.close();
  }

  private read(chunk: Buffer | string): void {
    this.buffered += chunk.toString();
    let newline;
    while ((newline = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, newline).trim();
      this.buffered = this.buffered.slice(newline + 1);
      if (!line) continue;
      let event: DockerEvent;
      try {
        event = JSON.parse(line) as DockerEvent;
      } catch {
        continue; // a line that is not JSON is not an event
      }
      // `since` moves as events are read, not handled: a reconnect replays from the last one seen.
      if (event.timeNano) this.since = event.timeNano / 1e9;
      else if (event.time) this.since = event.time;
      this.handling = this.handling
        .then(() => this.handle(event))
        .catch((error: unknown) => this.options.warn(`docker events: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private async handle(event: DockerEvent): Promise<void> {
    const id = event.Actor?.ID;
    const attributes = event.Actor?.Attributes ?? {};
    const appId = attributes[LABEL.appId];
    if (!id || !appId) return;
    if (event.Action === 'die' && !this.options.isRetiring(id)) {
      const exitCode = /^-?\d+$/.test(attributes.exitCode ?? '') ? Number(attributes.exitCode) : null;
      // By the time Docker emits `die` it has decided: the container is `restarting`, or `exited`
      // for good (retries used up, or stopped by hand with `docker kill`/`docker stop`).
      const container = await inspectManaged(this.options.docker, id).catch(() => null);
      const willRestart = container !== null && (container.status === 'restarting' || container.status === 'running');
      let reason = crashReason(exitCode, container?.oomKilled ?? false);
      if (!willRestart && container && this.options.restartMaxRetries > 0 && container.restartCount >= this.options.restartMaxRetries) {
        reason += `; not restarted again after ${container.restartCount} restarts`;
      } else if (!willRestart) {
        reason += '; Docker will not restart it';
      }
      this.safeEmit({ type: 'crash', appId, replicaId: id, exitCode, reason, willRestart });
    }
    this.safeEmit({ type: 'changed', appId });
  }

  private async everyAppChanged(): Promise<void> {
    try {
      const containers = await listManagedContainers(this.options.docker, this.options.namespace);
      for (const appId of new Set(containers.map((c) => c.appId))) this.safeEmit({ type: 'changed', appId });
    } catch (error) {
      this.options.warn(`docker events: listing after reconnect failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private safeEmit(event: RuntimeEvent): void {
    if (!this.closed) deliver(this.options.emit, event, this.options.warn);
  }
}
