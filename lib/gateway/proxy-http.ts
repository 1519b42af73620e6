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

const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/**
 * Streams the request to the app and its response back, both ways, without
 * buffering: each chunk is written as it arrives (SSE), with backpressure.
 */
export function proxyHttp(req: IncomingMessage, res: ServerResponse, upstream: Upstream, onFailure: (error: Error) => void): void {
  const headers = upstreamHeaders(req, { hostHeader: upstream.hostHeader });
  // undici frames the body itself (chunked when there is no length) and refuses these.
  delete headers['transfer-encoding'];
  delete headers.expect;
  let abortUpstream: ((reason?: Error) => void) | null = null;
  res.once('close', () => {
    if (!res.writableFinished) abortUpstream?.();
  });
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
        const flat: string[] = [];
        for (const buffer of rawHeaders as unknown as Buffer[]) flat.push(buffer.toString('latin1'));
        res.writeHead(statusCode, downstreamRawHeaders(flat));
        res.flushHeaders();
        res.on('drain', () => resume());
        return true;
      },
      onData(chunk) {
        return res.write(chunk);
      },
      onComplete() {
        res.end();
      },
      onError(error) {
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
