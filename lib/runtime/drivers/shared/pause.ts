/** Sleeps `ms`, or less: until `signal` aborts or `until` resolves (a rollout aborted, a replica that exited). */
export function pause(ms: number, signal?: AbortSignal, until?: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
    void until?.then(done, () => {});
  });
}
