import { constants } from 'node:os';
import type Dockerode from 'dockerode';
import type { RuntimeEvent } from '../runtime-driver.ts';
import { LABEL, labelFilters } from './container-labels.ts';
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

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

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
  private stream: NodeJS.ReadableStream | null = null;
  private closed = false;
  private since = 0;
  private running: Promise<void> | null = null;
  /** Events are handled one after the other: a crash's inspect must not let later events overtake it. */
  private handling: Promise<void> = Promise.resolve();

  constructor(private readonly options: DockerEventsOptions) {}

  start(): void {
    if (this.running) return;
    // Replaying from the moment of the subscription: a container that dies while the first
    // connection is still being opened is reported all the same.
    this.since = Date.now() / 1000;
    this.running = this.run();
  }

  async close(): Promise<void> {
    this.closed = true;
    (this.stream as { destroy?: () => void } | null)?.destroy?.();
    await this.running;
  }

  private async run(): Promise<void> {
    let delay = RECONNECT_MIN_MS;
    let reconnecting = false;
    while (!this.closed) {
      try {
        const stream = await this.options.docker.getEvents({
          since: this.since,
          filters: { type: ['container'], label: labelFilters(this.options.namespace), event: ['start', 'die', 'oom', 'destroy'] },
        });
        this.stream = stream;
        if (this.closed) break;
        delay = RECONNECT_MIN_MS;
        if (reconnecting) void this.everyAppChanged();
        await this.consume(stream);
      } catch (error) {
        if (!this.closed) this.options.warn(`docker events: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        (this.stream as { destroy?: () => void } | null)?.destroy?.();
        this.stream = null;
      }
      if (this.closed) break;
      reconnecting = true;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    }
  }

  /** Resolves when the stream ends (dockerd stopped, or close()). */
  private consume(stream: NodeJS.ReadableStream): Promise<void> {
    return new Promise((resolve) => {
      let buffered = '';
      stream.on('data', (chunk: Buffer | string) => {
        buffered += chunk.toString();
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
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
      });
      stream.on('end', () => resolve());
      stream.on('close', () => resolve());
      stream.on('error', () => resolve());
    });
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
    if (this.closed) return;
    try {
      this.options.emit(event);
    } catch (error) {
      this.options.warn(`runtime event listener failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
