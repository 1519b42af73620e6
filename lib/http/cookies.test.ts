import { describe, expect, it } from 'vitest';
import { readCookie, readCookieAll, removeCookies } from './cookies';

describe('cookies', () => {
  it('reads one cookie by name, decoded', () => {
    expect(readCookie('a=1; tg_project=p%201; b=2', 'tg_project')).toBe('p 1');
    expect(readCookie('a=1', 'tg_project')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });

  it('reads every value sent under one name, in order, up to a limit', () => {
    expect(readCookieAll('g=first; x=1; g=second; g=; g=third', 'g', 10)).toEqual(['first', 'second', 'third']);
    expect(readCookieAll('g=1; g=2; g=3; g=4', 'g', 3)).toEqual(['1', '2', '3']);
    expect(readCookieAll(undefined, 'g', 3)).toEqual([]);
  });

  it("removes named cookies and keeps the others byte for byte", () => {
    expect(removeCookies('app=a%20b;  tg_gate=s1; other="q"; __Host-tg_gate=s2', new Set(['tg_gate', '__Host-tg_gate']))).toBe('app=a%20b; other="q"');
    expect(removeCookies('tg_gate=s1', new Set(['tg_gate']))).toBe('');
  });
});
