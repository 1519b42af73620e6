import type { IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'undici';
import { upstreamOrigin, type Upstream } from './upstream.ts';
import { downstreamRawHeaders, upstreamHeaders } from './upstream-headers.ts';

// undici's dispatcher over keep-alive connections costs well under half the
// CPU of node:http's request + Agent per proxied request (bench:gateway).
const pools = new Map<string, Pool>();
const MAX_POOLS = 10_000;

function poolFor(upstream: Upstream): Pool {
  const tls = upstream.tls;
  const key = tls ? `${upstreamOrigin(upstream)}#${tls.servername}#${tls.rejectUnauthorized}` : `${upstream.host}:${upstream.port}`;
  let pool = pools.get(key);
  if (!pool) {
    if (pools.size >= MAX_POOLS) {
      const [oldestKey, oldest] = pools.entries().next().value as [string, Pool];
      pools.delete(oldestKey);
      void oldest.close();
    }
    pool = new Pool(upstreamOrigin(upstream), {
      connections: 128,
      pipelining: 1,
      keepAliveTimeout: 4_000,
      ...(tls ? { connect: { servername: tls.servername, rejectUnauthorized: tls.rejectUnauthorized } } : {}),
    });
    pools.set(key, pool);
  }
  return pool;
}

/**
 * What a caller may learn of one proxied exchange (timings for metrics, the
 * bytes sent). Fields are written in place: no object per request.
 */
export interface ProxyMeter {
  /** performance.now() when the request was handed to the app's connection pool. */
  dispatchedAt: number;
  /** performance.now() when the app's response head arrived. */
  upstreamHeadersAt: number;
  /** performance.now() when the response head was written to the client. */
  respondedAt: number;
  /** Response body bytes written to the client. */
  bytes: number;
  /** The app answered `text/event-stream`; `end` finishes the response cleanly and lets go of the app (shutdown). */
  eventStream(end: () => void): void;
}

const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/**
 * Streams the request to the app and its response back, both ways, without
 * buffering: each chunk is written as it arrives (SSE), with backpressure.
 */
export function proxyHttp(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: Upstream,
  assertion: string | undefined,
  onFailure: (error: Error) => void,
  meter?: ProxyMeter,
): void {
  const headers = upstreamHeaders(req, { hostHeader: upstream.hostHeader, assertion });
  // undici frames the body itself (chunked when there is no length) and refuses these.
  delete headers['transfer-encoding'];
  delete headers.expect;
  let abortUpstream: ((reason?: Error) => void) | null = null;
  res.once('close', () => {
    if (!res.writableFinished) abortUpstream?.();
  });
  if (meter) meter.dispatchedAt = performance.now();
  poolFor(upstream).dispatch(
    {
      path: req.url ?? '/',
      method: req.method as 'GET',
      headers: headers as Record<string, string | string[]>,
      body: hasBody(req) ? req : null,
    },
    {
      onConnect(abort) {
        abortUpstream = abort;
        if (res.destroyed) abort();
      },
      onHeaders(statusCode, rawHeaders, resume) {
        if (meter) meter.upstreamHeadersAt = performance.now();
        const flat: string[] = [];
        for (const buffer of rawHeaders as unknown as Buffer[]) flat.push(buffer.toString('latin1'));
        res.writeHead(statusCode, downstreamRawHeaders(flat));
        res.flushHeaders();
        res.on('drain', () => resume());
        if (meter) {
          meter.respondedAt = performance.now();
          if (isEventStream(flat)) {
            meter.eventStream(() => {
              // The response ends with its last chunk; what the app sends after is dropped (see onData).
              res.end();
              abortUpstream?.();
            });
          }
        }
        return true;
      },
      onData(chunk) {
        // Ended early by the gateway (shutdown): the app's late bytes go nowhere.
        if (res.writableEnded) return true;
        if (meter) meter.bytes += chunk.length;
        return res.write(chunk);
      },
      onComplete() {
        if (!res.writableEnded) res.end();
      },
      onError(error) {
        if (res.writableEnded) return;
        if (!res.headersSent) onFailure(error);
        else res.destroy();
      },
    },
  );
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);
const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Whether the request may go to another replica after this failure: nothing
 * was answered yet, the replica could not be reached (not a slow answer), and
 * sending it twice cannot do harm (an idempotent method, and no body, which
 * was streamed away and cannot be replayed).
 */
export function canRetryElsewhere(req: IncomingMessage, error: Error): boolean {
  return IDEMPOTENT.has(req.method ?? '') && !hasBody(req) && isConnectFailure(error);
}

/** The replica refused or dropped the connection: it should leave the rotation. */
export function isConnectFailure(error: Error): boolean {
  const code = (error as { code?: string }).code ?? (error.cause as { code?: string } | undefined)?.code;
  return code !== undefined && CONNECT_FAILURES.has(code);
}

function isEventStream(flat: string[]): boolean {
  for (let i = 0; i < flat.length; i += 2) {
    if (flat[i]!.length === 12 && flat[i]!.toLowerCase() === 'content-type') return flat[i + 1]!.trimStart().toLowerCase().startsWith('text/event-stream');
  }
  return false;
}
