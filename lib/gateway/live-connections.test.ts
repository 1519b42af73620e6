import { describe, expect, it, vi } from 'vitest';
import { LiveConnections } from './live-connections';

describe('LiveConnections', () => {
  it("closes every open connection of a revoked token, and only that token's", () => {
    const live = new LiveConnections();
    const [a1, a2, b1] = [vi.fn(), vi.fn(), vi.fn()];
    live.add('a', 1, a1);
    live.add('a', 1, a2);
    live.add('b', 1, b1);
    expect(live.closeToken('a')).toBe(2);
    expect(a1).toHaveBeenCalledOnce();
    expect(a2).toHaveBeenCalledOnce();
    expect(b1).not.toHaveBeenCalled();
  });

  it('does not close a connection that already ended by itself', () => {
    const live = new LiveConnections();
    const ended = vi.fn();
    const open = vi.fn();
    const release = live.add('a', 1, ended);
    live.add('a', 1, open);
    release();
    expect(live.closeToken('a')).toBe(1);
    expect(ended).not.toHaveBeenCalled();
    expect(open).toHaveBeenCalledOnce();
  });

  it('closes nothing twice: a second revocation finds no connection left', () => {
    const live = new LiveConnections();
    const close = vi.fn();
    live.add('a', 1, close);
    live.closeToken('a');
    expect(live.closeToken('a')).toBe(0);
    expect(close).toHaveBeenCalledOnce();
  });

  it("a release after revocation does not disturb the token's next connections", () => {
    const live = new LiveConnections();
    const release = live.add('a', 1, vi.fn());
    live.closeToken('a');
    const next = vi.fn();
    live.add('a', 1, next);
    release();
    expect(live.closeToken('a')).toBe(1);
    expect(next).toHaveBeenCalledOnce();
  });
});

describe('LiveConnections by secret version', () => {
  it('keeps the connections of secrets that still work, and closes the rest', () => {
    const live = new LiveConnections();
    const [old, previous, current] = [vi.fn(), vi.fn(), vi.fn()];
    live.add('a', 1, old);
    live.add('a', 2, previous);
    live.add('a', 3, current);
    // Renewed with a grace: versions 3 (current) and 2 (previous, until the grace ends) still work.
    expect(live.closeToken('a', (version) => version >= 2)).toBe(1);
    expect(old).toHaveBeenCalledOnce();
    expect(previous).not.toHaveBeenCalled();
    expect(current).not.toHaveBeenCalled();
    expect(live.closeToken('a', (version) => version === 3)).toBe(1);
    expect(previous).toHaveBeenCalledOnce();
  });
});
