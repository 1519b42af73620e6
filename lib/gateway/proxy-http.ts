import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Upstream } from '../runtime/runtime-driver';
import { downstreamRawHeaders, upstreamHeaders } from './upstream-headers';

// Reused upstream connections: a fresh TCP handshake per request would halve throughput.
const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64, scheduling: 'lifo' });

/** Streams the request to the app and its response back, both ways, without buffering. */
export function proxyHttp(req: IncomingMessage, res: ServerResponse, upstream: Upstream, onBadGateway: () => void): void {
  const upstreamReq = http.request({
    host: upstream.host,
    port: upstream.port,
    method: req.method,
    path: req.url,
    headers: upstreamHeaders(req),
    agent,
  });
  upstreamReq.on('response', (upstreamRes) => {
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, downstreamRawHeaders(upstreamRes.rawHeaders));
    // SSE and other streams: send each chunk as it comes.
    res.flushHeaders();
    upstreamRes.pipe(res);
    upstreamRes.on('error', () => res.destroy());
  });
  upstreamReq.on('error', () => {
    if (!res.headersSent) onBadGateway();
    else res.destroy();
  });
  res.on('close', () => {
    if (!res.writableFinished) upstreamReq.destroy();
  });
  req.pipe(upstreamReq);
}
