import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { isTollgateBearer } from '../http/bearer.ts';
import { forwardedValues } from '../http/forwarded-headers.ts';
import { isGateCookieName, stripGateCookie } from './gate-cookie.ts';

// RFC 9110 §7.6.1: meaningful for one connection only, never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

// Set by the gateway alone: whatever the client sent is a forgery.
// The identity assertion too: an app that trusts it must only ever see the gateway's.
const GATEWAY_OWNED = new Set(['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded', 'x-real-ip', 'x-tollgate-jwt-assertion']);

// One printable token, as the clients and proxies that send X-Request-Id make them (UUIDs, hex, base64).
const REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * The request's id, for the access log and the app (`X-Request-Id`): the
 * client's own when it sent one that is a single printable token of at most
 * 200 characters (so a trace that began upstream continues), else a new UUID,
 * written into the request's headers so that every reader sees the same.
 */
export function requestId(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  if (typeof sent === 'string' && REQUEST_ID.test(sent)) return sent;
  const id = randomUUID();
  req.headers['x-request-id'] = id;
  return id;
}

/**
 * The headers the app receives: hop-by-hop ones dropped, the Tollgate bearer
 * token and gate cookie removed, X-Forwarded-* set from what the gateway saw,
 * X-Request-Id the client's or a new one.
 * For a WebSocket handshake the upgrade headers are kept.
 */
export function upstreamHeaders(req: IncomingMessage, options: { upgrade?: boolean; hostHeader?: string; assertion?: string } = {}): IncomingHttpHeaders {
  const source = req.headers;
  const listed = connectionListed(source.connection);
  const headers: IncomingHttpHeaders = {};
  for (const name in source) {
    if (HOP_BY_HOP.has(name) || GATEWAY_OWNED.has(name) || listed?.has(name)) continue;
    headers[name] = source[name];
  }
  if (isTollgateBearer(source.authorization)) delete headers.authorization;
  if (source.cookie) {
    const cookie = stripGateCookie(source.cookie);
    if (cookie) headers.cookie = cookie;
    else delete headers.cookie;
  }
  // The client's chunked framing is hop-by-hop, but the body isn't: without a
  // length or chunking of its own, a GET's body would reach the app as raw
  // bytes after the headers — a second, smuggled request.
  if (source['transfer-encoding'] && !options.upgrade) headers['transfer-encoding'] = 'chunked';
  if (options.upgrade) {
    headers.connection = 'Upgrade';
    if (source.upgrade) headers.upgrade = source.upgrade;
  }
  // An external app answers to its own name unless told to keep the client's (preserveHost).
  if (options.hostHeader) headers.host = options.hostHeader;
  headers['x-request-id'] = requestId(req);
  // Who the request comes from, signed: the app verifies it against the panel's JWKS.
  if (options.assertion) headers['x-tollgate-jwt-assertion'] = options.assertion;
  const forwarded = forwardedValues(req);
  headers['x-forwarded-for'] = forwarded.for;
  headers['x-real-ip'] = forwarded.for;
  headers['x-forwarded-proto'] = forwarded.proto;
  if (forwarded.host) headers['x-forwarded-host'] = forwarded.host;
  return headers;
}

function setsGateCookie(setCookie: string): boolean {
  const eq = setCookie.indexOf('=');
  return eq !== -1 && isGateCookieName(setCookie.slice(0, eq).trim());
}

function connectionListed(connection: string | undefined): Set<string> | null {
  if (!connection) return null;
  return new Set(connection.split(',').map((name) => name.trim().toLowerCase()));
}

/** Response headers from the app as a flat raw list, minus hop-by-hop ones and gate cookies (keeps repeated Set-Cookie). */
export function downstreamRawHeaders(rawHeaders: string[]): string[] {
  let listed: Set<string> | null = null;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'connection') listed = connectionListed(rawHeaders[i + 1]);
  }
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || listed?.has(lower)) continue;
    // An app must not be able to plant or overwrite the gateway's own session cookie.
    if (lower === 'set-cookie' && setsGateCookie(rawHeaders[i + 1]!)) continue;
    out.push(name, rawHeaders[i + 1]!);
  }
  return out;
}

