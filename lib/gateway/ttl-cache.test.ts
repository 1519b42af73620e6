import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TtlCache', () => {
  it('answers a fresh value and forgets it once its time is up', () => {
    const time = clock();
    const cache = new TtlCache<string, number>(100, 10, time.now);
    cache.set('a', 1);
    time.advance(99);
    expect(cache.get('a')).toBe(1);
    time.advance(1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps null as an answer ("known not to exist"), apart from undefined ("ask")', () => {
    const cache = new TtlCache<string, number | null>(100, 10, clock().now);
    cache.set('gone', null);
    expect(cache.get('gone')).toBeNull();
    expect(cache.get('never')).toBeUndefined();
  });

  it('evicts the oldest entry when full, and a re-set entry counts as new', () => {
    const cache = new TtlCache<string, number>(1_000, 2, clock().now);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 11);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(11);
    expect(cache.get('c')).toBe(3);
  });

  it('deletes one key, those matching a predicate, or everything', () => {
    const cache = new TtlCache<string, number>(1_000, 10, clock().now);
    for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) cache.set(k, v);
    cache.delete('a');
    cache.deleteWhere((value) => value === 2);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, undefined, 3]);
    cache.clear();
    expect(cache.get('c')).toBeUndefined();
  });
});
