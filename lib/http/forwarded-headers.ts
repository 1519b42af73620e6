import type { IncomingMessage } from 'node:http';
import type { BlockList } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { clientIp } from './client-ip.ts';
import { ipInRanges } from './ip-ranges.ts';

// TRUSTED_PROXIES, parsed once at start: the only peers whose X-Forwarded-*
// headers are believed. Kept on globalThis, as Next bundles its own copy of lib/.
const holder = globalThis as typeof globalThis & { __tollgateTrustedProxies?: BlockList | null };

export function setTrustedProxies(list: BlockList | null): void {
  holder.__tollgateTrustedProxies = list;
}

function fromTrustedProxy(req: IncomingMessage): boolean {
  const trusted = holder.__tollgateTrustedProxies;
  return trusted !== null && trusted !== undefined && ipInRanges(trusted, req.socket.remoteAddress ?? '');
}

/**
 * Whether the client reached us over TLS: this connection is, or a trusted
 * proxy that terminated TLS says so. It decides the `__Host-` gate cookie and
 * the scheme the same-origin check expects.
 */
export function isSecure(req: IncomingMessage): boolean {
  if ((req.socket as TLSSocket).encrypted === true) return true;
  return req.headers['x-forwarded-proto'] === 'https' && fromTrustedProxy(req);
}

/** The client's address: the socket's, or what a trusted proxy says it is (see clientIp). */
export function requestClientIp(req: IncomingMessage): string {
  return clientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], holder.__tollgateTrustedProxies ?? null);
}

export interface ForwardedValues {
  for: string;
  proto: 'http' | 'https';
  host: string | undefined;
}

/**
 * What X-Forwarded-For/Proto/Host must say about this request, from what this
 * server saw itself (and what trusted proxies said). Whatever else the client
 * sent under those names is a forgery and is replaced, never appended to.
 */
export function forwardedValues(req: IncomingMessage): ForwardedValues {
  return { for: requestClientIp(req), proto: isSecure(req) ? 'https' : 'http', host: req.headers.host };
}

/**
 * Rewrites the request's own X-Forwarded-* headers in place, for the panel:
 * next-auth's origin detection and the sign-in rate limiter read them.
 */
export function setForwardedHeaders(req: IncomingMessage): void {
  const values = forwardedValues(req);
  req.headers['x-forwarded-for'] = values.for;
  req.headers['x-forwarded-proto'] = values.proto;
  if (values.host) req.headers['x-forwarded-host'] = values.host;
  else delete req.headers['x-forwarded-host'];
}
