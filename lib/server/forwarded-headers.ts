import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Replaces any client-supplied X-Forwarded-* with what this server saw, so
 * next-auth's origin detection and the sign-in rate limiter can't be fooled by
 * a forged header.
 */
export function setForwardedHeaders(req: IncomingMessage): void {
  const socket = req.socket as TLSSocket;
  req.headers['x-forwarded-for'] = socket.remoteAddress ?? '';
  req.headers['x-forwarded-proto'] = socket.encrypted ? 'https' : 'http';
  if (req.headers.host) req.headers['x-forwarded-host'] = req.headers.host;
  else delete req.headers['x-forwarded-host'];
}
