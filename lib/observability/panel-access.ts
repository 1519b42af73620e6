import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestId } from '../gateway/upstream-headers.ts';
import { pathOf } from './gateway-telemetry.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { RequestCaller } from './request-context.ts';

export type PanelHandler = 'panel' | 'api' | 'auth';

export function panelHandlerOf(path: string): PanelHandler {
  if (path === '/v1' || path.startsWith('/v1/')) return 'api';
  if (path.startsWith('/api/auth/')) return 'auth';
  return 'panel';
}

/**
 * Starts observing one request to the panel host: when it is over, its
 * metrics and one access line with the gateway's fields (request id, caller,
 * status, duration, body bytes). Returns the caller record the /v1 handlers
 * fill in (through `noteCaller`), to run the request in.
 */
export function observePanelRequest(req: IncomingMessage, res: ServerResponse, metrics: Metrics, access: Logger | null): RequestCaller {
  const startedAt = performance.now();
  const id = requestId(req);
  const path = pathOf(req.url);
  const caller: RequestCaller = {};
  let bytes = 0;
  const write = res.write;
  const end = res.end;
  // Body bytes, as the gateway counts them: Next writes strings, Buffers and typed arrays.
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    bytes += byteLength(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    if (typeof chunk !== 'function') bytes += byteLength(chunk, rest[0]);
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;
  res.once('close', () => {
    const status = res.headersSent ? res.statusCode : 499;
    const ms = performance.now() - startedAt;
    const handler = panelHandlerOf(path);
    metrics.panelRequest(handler, status, ms / 1000);
    if (caller.tokenId) metrics.apiTokenUse(caller.tokenId);
    if (!access?.isLevelEnabled('info')) return;
    access.info(
      {
        kind: handler,
        requestId: id,
        method: req.method,
        path,
        tokenId: caller.tokenId ?? null,
        tokenName: caller.tokenName ?? null,
        userId: caller.userId ?? null,
        status,
        durationMs: Math.round(ms * 100) / 100,
        bytes: req.method === 'HEAD' ? 0 : bytes,
        ip: req.socket.remoteAddress ?? '',
      },
      `${req.method} ${path} ${status}`,
    );
  });
  return caller;
}

function byteLength(chunk: unknown, encoding: unknown): number {
  if (chunk === undefined || chunk === null) return 0;
  if (typeof chunk === 'string') return Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (ArrayBuffer.isView(chunk)) return chunk.byteLength;
  return 0;
}
