import { BlockList, isIP } from 'node:net';

// IP addresses and CIDR ranges, v4 and v6, as node:net's BlockList matches
// them. An IPv4 client reached over an IPv6 socket shows as ::ffff:a.b.c.d;
// it is the IPv4 address that rules are written for.

export type IpRangeProblem = { entry: string; index: number; message: string };

/** `10.0.0.5`, `192.168.0.0/16`, `2001:db8::/32`, `::1`: parsed, or the first entry that is not one. */
export function parseIpRanges(entries: readonly string[]): { list: BlockList } | IpRangeProblem {
  const list = new BlockList();
  for (const [index, raw] of entries.entries()) {
    const entry = raw.trim();
    const slash = entry.indexOf('/');
    const address = slash === -1 ? entry : entry.slice(0, slash);
    const family = isIP(address);
    if (family === 0) return { entry: raw, index, message: `"${raw}" is not an IP address or CIDR range` };
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (slash === -1) {
      list.addAddress(address, type);
      continue;
    }
    const bits = entry.slice(slash + 1);
    const max = family === 4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return { entry: raw, index, message: `"${raw}" has a prefix length outside 0-${max}` };
    list.addSubnet(address, Number(bits), type);
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
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}
