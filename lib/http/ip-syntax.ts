// IP address and CIDR syntax, without node:net, so the panel's forms check an
// allow-list with the very rule the server applies.

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** 4, 6, or 0 when `address` is neither (like node:net's isIP). */
export function ipFamily(address: string): 0 | 4 | 6 {
  if (IPV4.test(address)) return 4;
  if (!address.includes(':') || /[^0-9a-fA-F:.]/.test(address)) return 0;
  try {
    // The WHATWG URL parser is a complete IPv6 parser, in browsers and in Node.
    new URL(`http://[${address}]/`);
    return 6;
  } catch {
    return 0;
  }
}

export interface IpRangeProblem {
  entry: string;
  index: number;
  message: string;
}

/** The first entry that is not an IP address or CIDR range (v4 or v6), or null when all are. */
export function ipRangeProblem(entries: readonly string[]): IpRangeProblem | null {
  for (const [index, raw] of entries.entries()) {
    const entry = raw.trim();
    const slash = entry.indexOf('/');
    const family = ipFamily(slash === -1 ? entry : entry.slice(0, slash));
    if (family === 0) return { entry: raw, index, message: `"${raw}" is not an IP address or CIDR range` };
    if (slash === -1) continue;
    const bits = entry.slice(slash + 1);
    const max = family === 4 ? 32 : 128;
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return { entry: raw, index, message: `"${raw}" has a prefix length outside 0-${max}` };
  }
  return null;
}
