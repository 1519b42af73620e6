// A reference proxy for bench:gateway --compare: a plain Node HTTP server in front of UPSTREAM_PORT,
// no routing and no token check. MODE=tollgate uses the gateway's own proxyHttp (same agent, same
// header handling); MODE=no-flush is the same without the early res.flushHeaders().
// Run: PORT=… UPSTREAM_PORT=… MODE=… node --import tsx bench/lib/node-proxy.ts
import http from 'node:http';
import { proxyHttp } from '../../lib/gateway/proxy-http.ts';
import { downstreamRawHeaders, upstreamHeaders } from '../../lib/gateway/upstream-headers.ts';

const port = Number(process.env.PORT);
const upstream = { host: '127.0.0.1', port: Number(process.env.UPSTREAM_PORT) };
const mode = process.env.MODE ?? 'tollgate';
const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64, scheduling: 'lifo' });

function badGateway(res: http.ServerResponse): void {
  res.writeHead(502, { 'content-length': 0 });
  res.end();
}

function proxyNoFlush(req: http.IncomingMessage, res: http.ServerResponse): void {
  const upstreamReq = http.request({ ...upstream, method: req.method, path: req.url, headers: upstreamHeaders(req), agent });
  upstreamReq.on('response', (upstreamRes) => {
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, downstreamRawHeaders(upstreamRes.rawHeaders));
    upstreamRes.pipe(res);
    upstreamRes.on('error', () => res.destroy());
  });
  upstreamReq.on('error', () => (res.headersSent ? res.destroy() : badGateway(res)));
  res.on('close', () => {
    if (!res.writableFinished) upstreamReq.destroy();
  });
  req.pipe(upstreamReq);
}

const server = http.createServer((req, res) => {
  if (mode === 'no-flush') proxyNoFlush(req, res);
  else proxyHttp(req, res, upstream, () => badGateway(res));
});
server.listen(port, '127.0.0.1', () => console.log(`node-proxy (${mode}) on 127.0.0.1:${port} → ${upstream.port}`));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
