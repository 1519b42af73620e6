import type { IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'undici';
import type { Upstream } from '../runtime/runtime-driver';
import { downstreamHeaders, upstreamHeaders } from './upstream-headers';

// undici's pool over keep-alive connections costs about half the CPU of
// node:http's request + Agent per proxied request (bench:gateway --compare).
const pools = new Map<string, Pool>();
const MAX_POOLS = 10_000;

function poolFor(upstream: Upstream): Pool {
  const key = `${upstream.host}:${upstream.port}`;
  let pool = pools.get(key);
  if (!pool) {
    if (pools.size >= MAX_POOLS) {
      const [oldestKey, oldest] = pools.entries().next().value as [string, Pool];
      pools.delete(oldestKey);
      void oldest.close();
    }
    pool = new Pool(`http://${key}`, { connections: 128, pipelining: 1, keepAliveTimeout: 4_000 });
    pools.set(key, pool);
  }
  return pool;
}

const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** Streams the request to the app and its response back, both ways, without buffering. */
export function proxyHttp(req: IncomingMessage, res: ServerResponse, upstream: Upstream, onBadGateway: () => void): void {
  const headers = upstreamHeaders(req);
  // undici frames the body itself (chunked when there is no length) and refuses these.
  delete headers['transfer-encoding'];
  delete headers.expect;
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  poolFor(upstream).stream(
    {
      path: req.url ?? '/',
      method: req.method as 'GET',
      headers: headers as Record<string, string | string[]>,
      body: hasBody(req) ? req : null,
      signal: abort.signal,
    },
    ({ statusCode, headers: responseHeaders }) => {
      res.writeHead(statusCode, downstreamHeaders(responseHeaders));
      // SSE and other streams: send each chunk as it comes.
      res.flushHeaders();
      return res;
    },
    (error) => {
      if (!error) return;
      if (!res.headersSent) onBadGateway();
      else res.destroy();
    },
  );
}
