/**
 * One task at a time per key, in the order they were queued; tasks of different keys do not wait
 * on each other. A task that fails does not hold up the next one: its caller gets the rejection,
 * the queue goes on. A key whose queue has run dry is forgotten.
 */
export class KeyedQueue {
  /** Per key, the tail of its queue: settles once the last task queued so far has. */
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
