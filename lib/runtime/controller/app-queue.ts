/**
 * Work per app, one job at a time, in order. A coalesced job that is already
 * waiting its turn is not queued twice: ten change events that arrive during
 * a rollout cause one converge after it, not ten.
 */
export class AppQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waiting = new Set<string>();

  constructor(private readonly onError: (appId: string, error: unknown) => void) {}

  /** Queues `work`; the promise settles when it has run (errors go to onError, never rejected). */
  run(appId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(appId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) => this.onError(appId, error))
      .finally(() => {
        if (this.tails.get(appId) === next) this.tails.delete(appId);
      });
    this.tails.set(appId, next);
    return next;
  }

  coalesce(key: string, appId: string, work: () => Promise<void>): void {
    if (this.waiting.has(key)) return;
    this.waiting.add(key);
    this.run(appId, () => {
      this.waiting.delete(key);
      return work();
    });
  }

  /** Whether anything is queued for the app. */
  busy(appId: string): boolean {
    return this.tails.has(appId);
  }

  /** Resolves once the app's queue is empty, including work queued while waiting. */
  async settled(appId: string): Promise<void> {
    for (let tail = this.tails.get(appId); tail; tail = this.tails.get(appId)) await tail;
  }

  /** Resolves once every queue is empty. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
