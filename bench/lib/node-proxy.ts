// Reference proxies for `bench:gateway --compare`, to split Node's cost from Tollgate's:
//   MODE=tollgate   plain Node HTTP server + the gateway's own proxyHttp (no routing, no auth)
//   MODE=no-flush   the same without proxyHttp's early res.flushHeaders()
//   MODE=gateway    Tollgate's Gateway class (host parsing, resolver caches, authorize, live
//                   connections, proxyHttp) over an in-memory store: no database, no Next.js
//   NEXT=1          (with MODE=gateway) also load Next.js in the process and serve other hosts
//                   with it, as start-server.ts does, so its process-wide costs are present
// Run: PORT=… UPSTREAM_PORT=… MODE=… [APP_ID=… SECRET=… NEXT=1] node --import tsx bench/lib/node-proxy.ts
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import type { PrismaClient } from '../../lib/db/generated/client.ts';
import { AccessResolver } from '../../lib/gateway/access-resolver.ts';
import { Gateway } from '../../lib/gateway/gateway.ts';
import type { GatewayApp } from '../../lib/gateway/gateway-store.ts';
import { proxyHttp } from '../../lib/gateway/proxy-http.ts';
import { downstreamRawHeaders, upstreamHeaders } from '../../lib/gateway/upstream-headers.ts';
import { parseAppHost } from '../../lib/apps/app-host.ts';
import { recordTokenUse } from '../../lib/tokens/record-token-use.ts';
import { hashTokenSecret } from '../../lib/tokens/token-secret.ts';
import { benchToken, memoryStore } from './memory-store.ts';

const port = Number(process.env.PORT);
const upstream = { host: '127.0.0.1', port: Number(process.env.UPSTREAM_PORT) };
const mode = process.env.MODE ?? 'tollgate';
const withNext = process.env.NEXT === '1';
const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64, scheduling: 'lifo' });

function plain(res: http.ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

function proxyNoFlush(req: http.IncomingMessage, res: http.ServerResponse): void {
  const upstreamReq = http.request({ ...upstream, method: req.method, path: req.url, headers: upstreamHeaders(req), agent });
  upstreamReq.on('response', (upstreamRes) => {
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, downstreamRawHeaders(upstreamRes.rawHeaders));
    upstreamRes.pipe(res);
    upstreamRes.on('error', () => res.destroy());
  });
  upstreamReq.on('error', () => (res.headersSent ? res.destroy() : plain(res, 502)));
  res.on('close', () => {
    if (!res.writableFinished) upstreamReq.destroy();
  });
  req.pipe(upstreamReq);
}

/** The gateway over fixed data: one RUNNING app labelled group=A, one read token group=A in GRA. */
function memoryGateway(): Gateway {
  const appId = process.env.APP_ID ?? randomUUID();
  const secretHash = hashTokenSecret(process.env.SECRET ?? '');
  const projectId = randomUUID();
  const app: GatewayApp = {
    id: appId,
    projectId,
    region: 'GRA',
    labels: { 'ovh/id': appId, 'ovh/type': 'app', group: 'A' },
    unsecureHttp: false,
    name: 'demo', allowPanelUsers: true,
    state: 'RUNNING',
    replicas: [upstream],
  };
  const token = benchToken({ id: randomUUID(), projectId });
  // recordTokenUse as the server wires it: counted in memory, written in batches (here to nowhere).
  const noWrites = {
    $transaction: async () => [],
    tokenUsage: { upsert: async () => ({}) },
    token: { updateMany: async () => ({ count: 1 }) },
  } as unknown as PrismaClient;
  const store = memoryStore({ app, token, secretHash, touchToken: (t, ip) => recordTokenUse(noWrites, t, ip) });
  return new Gateway({ store, resolver: new AccessResolver(store) });
}

async function main(): Promise<void> {
  let handler: http.RequestListener;
  if (mode === 'gateway') {
    const gateway = memoryGateway();
    let nextHandle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null = null;
    if (withNext) {
      // NODE_ENV=production comes from the environment (bench/gateway.ts sets it).
      process.env.NEXTAUTH_SECRET ??= 'bench-only-secret-bench-only-secret';
      const { default: next } = await import('next');
      const nextApp = next({ dev: false, dir: path.resolve(import.meta.dirname, '../..'), hostname: '127.0.0.1', port });
      await nextApp.prepare();
      nextHandle = nextApp.getRequestHandler();
    }
    handler = (req, res) => {
      const appHost = parseAppHost(req.headers.host, 'localhost');
      if (!appHost) {
        if (nextHandle) void nextHandle(req, res).catch(() => res.destroy());
        else plain(res, 404);
        return;
      }
      gateway.handle(req, res, appHost)?.catch(() => (res.headersSent ? res.destroy() : plain(res, 500)));
    };
  } else if (mode === 'no-flush') {
    handler = proxyNoFlush;
  } else {
    handler = (req, res) => proxyHttp(req, res, upstream, undefined, () => plain(res, 502));
  }
  const server = http.createServer(handler);
  server.listen(port, '127.0.0.1', () => console.log(`node-proxy (${mode}${withNext ? ' + next' : ''}) on 127.0.0.1:${port} → ${upstream.port}`));
}

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
void main();
