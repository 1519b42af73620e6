import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Whether this connection came in over TLS. */
export function isSecure(req: IncomingMessage): boolean {
  return (req.socket as TLSSocket).encrypted === true;
}

export interface ForwardedValues {
  for: string;
  proto: 'http' | 'https';
  host: string | undefined;
}

/**
 * What X-Forwarded-For/Proto/Host must say about this request, from what this
 * server saw itself. Whatever the client sent under those names is a forgery
 * and is replaced, never appended to.
 */
export function forwardedValues(req: IncomingMessage): ForwardedValues {
  return { for: req.socket.remoteAddress ?? '', proto: isSecure(req) ? 'https' : 'http', host: req.headers.host };
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
