import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';
import { ipInRanges, parseIpRanges } from './ip-ranges';

const ranges = (...entries: string[]) => {
  const parsed = parseIpRanges(entries);
  if (!('list' in parsed)) throw new Error(parsed.message);
  return parsed.list;
};

describe('IP ranges', () => {
  it.each([
    ['203.0.113.7', ['203.0.113.7'], true],
    ['203.0.113.8', ['203.0.113.7'], false],
    ['10.1.2.3', ['10.0.0.0/8'], true],
    ['11.1.2.3', ['10.0.0.0/8'], false],
    ['2001:db8::42', ['2001:db8::/32'], true],
    ['2001:db9::42', ['2001:db8::/32'], false],
    ['::1', ['::1'], true],
    ['::ffff:10.1.2.3', ['10.0.0.0/8'], true],
    ['::ffff:10.1.2.3', ['2001:db8::/32'], false],
    ['0.0.0.0', ['0.0.0.0/0'], true],
  ])('%s in %j: %s', (address, entries, expected) => {
    expect(ipInRanges(ranges(...entries), address)).toBe(expected);
  });

  it.each([
    [['10.0.0.0/33'], '"10.0.0.0/33" has a prefix length outside 0-32'],
    [['2001:db8::/129'], '"2001:db8::/129" has a prefix length outside 0-128'],
    [['10.0.0.1', 'example.com'], '"example.com" is not an IP address or CIDR range'],
    [['10.0.0.0/x'], '"10.0.0.0/x" has a prefix length outside 0-32'],
    [['300.1.1.1'], '"300.1.1.1" is not an IP address or CIDR range'],
  ])('names the entry that is not a range: %j', (entries, message) => {
    expect(parseIpRanges(entries)).toMatchObject({ message });
  });
});

describe('clientIp', () => {
  const proxies = ranges('10.0.0.0/8');

  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientIp('198.51.100.9', '1.2.3.4', null)).toBe('198.51.100.9');
    expect(clientIp('198.51.100.9', '1.2.3.4', proxies)).toBe('198.51.100.9');
  });

  it('takes the rightmost untrusted hop from a trusted proxy, so a client cannot spoof its way in', () => {
    // The client sent "X-Forwarded-For: 203.0.113.7" itself; the proxy appended its real address.
    expect(clientIp('10.0.0.2', '203.0.113.7, 198.51.100.9', proxies)).toBe('198.51.100.9');
    expect(clientIp('10.0.0.2', '198.51.100.9, 10.0.0.3', proxies)).toBe('198.51.100.9');
    expect(clientIp('10.0.0.2', ['203.0.113.7', '198.51.100.9'], proxies)).toBe('198.51.100.9');
  });

  it('reads an IPv4-mapped socket address as IPv4', () => {
    expect(clientIp('::ffff:10.0.0.2', '198.51.100.9', proxies)).toBe('198.51.100.9');
    expect(clientIp('::ffff:198.51.100.9', undefined, proxies)).toBe('198.51.100.9');
  });
});
