import type Dockerode from 'dockerode';
import { labelFilters } from './labels.ts';

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

export interface ContainerEventsOptions {
  docker: Dockerode;
  namespace: string;
  /** Where each connection replays from (seconds since the epoch, Docker's `since`). */
  since: () => number;
  /** A connection is open; `reconnected` for every one after the first. */
  onConnect?: (reconnected: boolean) => void;
  /** A chunk of the stream (newline-separated JSON events). */
  onData: (chunk: Buffer | string) => void;
  /** Connection trouble, for the server log. */
  warn: (message: string) => void;
}

/**
 * The engine's container events (start, die, oom, destroy) for the namespace's labelled
 * containers, kept open until close(): a stream that ends or fails (dockerd restarted) is opened
 * again with back-off (250 ms doubling to 5 s), from `since()`.
 */
export class ContainerEvents {
  private stream: NodeJS.ReadableStream | null = null;
  private closed = false;
  private running: Promise<void> | null = null;

  constructor(private readonly options: ContainerEventsOptions) {}

  start(): void {
    if (this.running) return;
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
          since: this.options.since(),
          filters: { type: ['container'], label: labelFilters(this.options.namespace), event: ['start', 'die', 'oom', 'destroy'] },
        });
        this.stream = stream;
        if (this.closed) break;
        delay = RECONNECT_MIN_MS;
        this.options.onConnect?.(reconnecting);
        // Resolves when the stream ends (dockerd stopped, or close()).
        await new Promise<void>((resolve) => {
          stream.on('data', (chunk: Buffer | string) => this.options.onData(chunk));
          stream.on('end', () => resolve());
          stream.on('close', () => resolve());
          stream.on('error', () => resolve());
        });
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
}
