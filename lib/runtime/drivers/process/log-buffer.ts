import type { LogLine, LogOptions } from '../runtime-driver.ts';

/**
 * One app's output: the last `capacity` lines of all its replicas, in the order they arrived.
 * Followers read it by sequence number rather than through queues of their own, so a follower that
 * stops reading (a stalled HTTP client) costs no memory: if it falls more than `capacity` lines
 * behind, it skips what was overwritten.
 */
export class LogBuffer {
  private readonly ring: (LogLine | undefined)[];
  /** Sequence number the next line gets; the oldest kept line is `next - size`. */
  private next = 0;
  private size = 0;
  private closed = false;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`capacity must be a whole number ≥ 1, got ${capacity}`);
    this.ring = new Array<LogLine | undefined>(capacity);
  }

  push(line: LogLine): void {
    if (this.closed) return;
    this.ring[this.next % this.capacity] = line;
    this.next++;
    this.size = Math.min(this.size + 1, this.capacity);
    this.wake();
  }

  /** Forgets the lines kept so far; followers go on with the lines that come next. */
  clear(): void {
    for (let seq = this.next - this.size; seq < this.next; seq++) this.ring[seq % this.capacity] = undefined;
    this.size = 0;
  }

  /** Ends every follow; pushes are ignored from now on. */
  close(): void {
    this.closed = true;
    this.clear();
    this.wake();
  }

  get length(): number {
    return this.size;
  }

  /** The kept lines matching `since`, the last `tail` of them; then, with `follow`, new lines until `signal` aborts or close(). */
  async *read(options: LogOptions): AsyncGenerator<LogLine> {
    const { since, tail, follow, signal } = options;
    // Decided before the first yield: lines pushed while the caller consumes the history are
    // followed, not lost and not repeated.
    const end = this.next;
    const history: LogLine[] = [];
    for (let seq = this.next - this.size; seq < end; seq++) {
      const line = this.ring[seq % this.capacity];
      if (line && (!since || line.timestamp >= since)) history.push(line);
    }
    const kept = tail === undefined ? history : tail <= 0 ? [] : history.slice(-tail);
    for (const line of kept) yield line;
    if (!follow) return;

    let cursor = end;
    while (!this.closed && !signal?.aborted) {
      cursor = Math.max(cursor, this.next - this.size);
      if (cursor < this.next) {
        const line = this.ring[cursor % this.capacity];
        cursor++;
        if (line) yield line;
        continue;
      }
      await this.nextPush(signal);
    }
  }

  private nextPush(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
