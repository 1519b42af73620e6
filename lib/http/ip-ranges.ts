import { BlockList } from 'node:net';
import { ipFamily, ipRangeProblem, type IpRangeProblem } from './ip-syntax.ts';

// IP addresses and CIDR ranges, v4 and v6, as node:net's BlockList matches
// them. An IPv4 client reached over an IPv6 socket shows as ::ffff:a.b.c.d;
// it is the IPv4 address that rules are written for.

export type { IpRangeProblem };

/** `10.0.0.5`, `192.168.0.0/16`, `2001:db8::/32`, `::1`: parsed, or the first entry that is not one. */
export function parseIpRanges(entries: readonly string[]): { list: BlockList } | IpRangeProblem {
  const problem = ipRangeProblem(entries);
  if (problem) return problem;
  const list = new BlockList();
  for (const raw of entries) {
    const [address, bits] = raw.trim().split('/') as [string, string | undefined];
    const type = ipFamily(address) === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return { list };
}

/** The address as rules see it: IPv4-mapped IPv6 (::ffff:10.0.0.5) becomes the IPv4 address. */
export function normalizeIp(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

export function ipInRanges(list: BlockList, address: string): boolean {
  const ip = normalizeIp(address);
  const family = ipFamily(ip);
  return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}
