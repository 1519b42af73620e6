import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue.ts';

/** A promise and the functions that settle it. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedQueue', () => {
  it('runs the tasks of one key one at a time, in the order queued', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const first = deferred();
    const a = queue.run('app', async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = queue.run('app', async () => {
      log.push('b');
      return 'b';
    });
    await settle();
    expect(log).toEqual(['a start']);
    first.resolve();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('does not make one key wait for another', async () => {
    const queue = new KeyedQueue();
    const blocked = deferred();
    const slow = queue.run('one', () => blocked.promise);
    const fast = await queue.run('two', async () => 'two');
    expect(fast).toBe('two');
    blocked.resolve();
    await slow;
  });

  it('hands a failure to its caller and runs the next task all the same', async () => {
    const queue = new KeyedQueue();
    const failing = queue.run('app', async () => {
      throw new Error('boom');
    });
    const next = queue.run('app', async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('next');
  });

  it('forgets a key once its queue is empty, and not before', async () => {
    const queue = new KeyedQueue();
    const gate = deferred();
    const a = queue.run('a', () => gate.promise);
    const b = queue.run('b', async () => {
      throw new Error('no');
    });
    expect(queue.size).toBe(2);
    await b.catch(() => {});
    await settle();
    expect(queue.size).toBe(1);
    const a2 = queue.run('a', async () => {});
    gate.resolve();
    await a;
    expect(queue.size).toBe(1); // a2 is still queued
    await a2;
    await settle();
    expect(queue.size).toBe(0);
  });
});
