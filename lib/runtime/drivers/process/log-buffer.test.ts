import { describe, expect, it } from 'vitest';
import type { LogLine } from '../runtime-driver.ts';
import { LogBuffer } from './log-buffer.ts';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const line = (content: string, ms = 0, replica = '1'): LogLine => ({ timestamp: at(ms), replica, stream: 'stdout', content });
const contents = async (lines: AsyncIterable<LogLine>) => {
  const out: string[] = [];
  for await (const l of lines) out.push(l.content);
  return out;
};

describe('LogBuffer', () => {
  it('keeps the last `capacity` lines, filtered by since then cut to tail', async () => {
    const buffer = new LogBuffer(3);
    for (let i = 1; i <= 5; i++) buffer.push(line(`l${i}`, i));
    expect(buffer.length).toBe(3);
    expect(await contents(buffer.read({}))).toEqual(['l3', 'l4', 'l5']);
    expect(await contents(buffer.read({ tail: 2 }))).toEqual(['l4', 'l5']);
    expect(await contents(buffer.read({ tail: 0 }))).toEqual([]);
    expect(await contents(buffer.read({ since: at(4) }))).toEqual(['l4', 'l5']);
    expect(await contents(buffer.read({ since: at(3), tail: 1 }))).toEqual(['l5']);
  });

  it('follows: history first, then lines pushed later (also while the history is read), until aborted', async () => {
    const buffer = new LogBuffer();
    buffer.push(line('old'));
    const abort = new AbortController();
    const seen: string[] = [];
    const following = (async () => {
      for await (const l of buffer.read({ follow: true, signal: abort.signal })) {
        seen.push(l.content);
        if (l.content === 'old') buffer.push(line('pushed while reading history'));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 10));
    buffer.push(line('new'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    abort.abort();
    await following;
    expect(seen).toEqual(['old', 'pushed while reading history', 'new']);
  });

  it('clear forgets the history but a follower goes on; close ends every follower', async () => {
    const buffer = new LogBuffer();
    buffer.push(line('before'));
    const following = contents(buffer.read({ follow: true, tail: 0 }));
    buffer.clear();
    expect(await contents(buffer.read({}))).toEqual([]);
    buffer.push(line('after'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    buffer.close();
    expect(await following).toEqual(['after']);
    buffer.push(line('ignored'));
    expect(await contents(buffer.read({}))).toEqual([]);
  });

  it('a follower that falls more than `capacity` lines behind skips what was overwritten, costing no memory', async () => {
    const buffer = new LogBuffer(2);
    const iterator = buffer.read({ follow: true })[Symbol.asyncIterator]();
    const first = iterator.next();
    buffer.push(line('a'));
    expect((await first).value).toMatchObject({ content: 'a' });
    for (const c of ['b', 'c', 'd']) buffer.push(line(c)); // 'b' is overwritten before it is read
    expect((await iterator.next()).value).toMatchObject({ content: 'c' });
    expect((await iterator.next()).value).toMatchObject({ content: 'd' });
    buffer.close();
    expect((await iterator.next()).done).toBe(true);
  });
});
