import { createServer } from 'node:http';
import { serveHealth } from './health-routes.ts';
import type { Metrics } from './metrics.ts';
import type { Readiness } from './readiness.ts';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The private listener (METRICS_PORT on METRICS_HOST, 127.0.0.1 by default):
 * `/metrics` in Prometheus' text format, and `/healthz` and `/readyz` with the
 * reasons of a failed check. Never the public port, as oauth2-proxy does it.
 */
export async function startMetricsServer(options: { host: string; port: number; metrics: Metrics; readiness: Readiness }): Promise<MetricsServer> {
  const { metrics, readiness } = options;
  const server = createServer((req, res) => {
    if (serveHealth(req, res, readiness, { details: true })) return;
    const path = (req.url ?? '').split('?', 1)[0];
    if (path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      metrics.exposition().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
          res.end(req.method === 'HEAD' ? undefined : body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`# metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found: /metrics, /healthz, /readyz\n');
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shown}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
