import { describe, expect, it } from 'vitest';
import { checkAllowedIps, splitAllowedIps } from './token-allowed-ips';

describe('splitAllowedIps', () => {
  it('takes one entry per line or comma-separated, blanks dropped', () => {
    expect(splitAllowedIps(' 10.0.0.0/8 ,192.0.2.1\n\n2001:db8::/32\r\n')).toEqual(['10.0.0.0/8', '192.0.2.1', '2001:db8::/32']);
    expect(splitAllowedIps('  \n , ')).toEqual([]);
  });
});

describe('checkAllowedIps', () => {
  it('accepts IPs and CIDR ranges, v4 and v6; empty means anywhere', () => {
    expect(checkAllowedIps('203.0.113.7\n10.0.0.0/8, ::1, 2001:db8::/48')).toEqual({
      ok: true,
      entries: ['203.0.113.7', '10.0.0.0/8', '::1', '2001:db8::/48'],
    });
    expect(checkAllowedIps('')).toEqual({ ok: true, entries: [] });
  });

  it('names the first bad entry', () => {
    expect(checkAllowedIps('10.0.0.1\n10.0.0.0/33\nnope')).toEqual({ ok: false, message: '"10.0.0.0/33" has a prefix length outside 0-32' });
    expect(checkAllowedIps('10.0.0.1, office')).toEqual({
      ok: false,
      message: '"office" is not an IP address or CIDR range, such as 203.0.113.7 or 10.0.0.0/8',
    });
  });

  it('says how many entries fit, in words', () => {
    const many = Array.from({ length: 101 }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`).join('\n');
    expect(checkAllowedIps(many)).toEqual({ ok: false, message: 'The list may hold at most 100 entries' });
  });
});
