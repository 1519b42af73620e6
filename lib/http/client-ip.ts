import type { BlockList } from 'node:net';
import { ipInRanges, normalizeIp } from './ip-ranges.ts';

/**
 * The client's address: the socket's, unless the socket is a trusted proxy
 * (TRUSTED_PROXIES), in which case X-Forwarded-For is read from the right,
 * skipping trusted hops, and the first untrusted one is the client. Anything
 * left of it was written by the client itself and proves nothing (the
 * warning oauth2-proxy gives for --trusted-ip).
 */
export function clientIp(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: BlockList | null): string {
  const direct = normalizeIp(socketAddress ?? '');
  if (!trusted || !forwardedFor || !ipInRanges(trusted, direct)) return direct;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => normalizeIp(hop.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!ipInRanges(trusted, hops[i]!)) return hops[i]!;
  }
  // Every hop is a trusted proxy: the leftmost is as far as anyone can see.
  return hops[0] ?? direct;
}
