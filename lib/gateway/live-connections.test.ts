import { describe, expect, it, vi } from 'vitest';
import { LiveConnections } from './live-connections';

describe('LiveConnections', () => {
  it("closes every open connection of a revoked token, and only that token's", () => {
    const live = new LiveConnections();
    const [a1, a2, b1] = [vi.fn(), vi.fn(), vi.fn()];
    live.add('a', a1);
    live.add('a', a2);
    live.add('b', b1);
    expect(live.closeToken('a')).toBe(2);
    expect(a1).toHaveBeenCalledOnce();
    expect(a2).toHaveBeenCalledOnce();
    expect(b1).not.toHaveBeenCalled();
  });

  it('does not close a connection that already ended by itself', () => {
    const live = new LiveConnections();
    const ended = vi.fn();
    const open = vi.fn();
    const release = live.add('a', ended);
    live.add('a', open);
    release();
    expect(live.closeToken('a')).toBe(1);
    expect(ended).not.toHaveBeenCalled();
    expect(open).toHaveBeenCalledOnce();
  });

  it('closes nothing twice: a second revocation finds no connection left', () => {
    const live = new LiveConnections();
    const close = vi.fn();
    live.add('a', close);
    live.closeToken('a');
    expect(live.closeToken('a')).toBe(0);
    expect(close).toHaveBeenCalledOnce();
  });

  it("a release after revocation does not disturb the token's next connections", () => {
    const live = new LiveConnections();
    const release = live.add('a', vi.fn());
    live.closeToken('a');
    const next = vi.fn();
    live.add('a', next);
    release();
    expect(live.closeToken('a')).toBe(1);
    expect(next).toHaveBeenCalledOnce();
  });
});
