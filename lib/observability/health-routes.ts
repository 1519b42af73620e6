import type { IncomingMessage, ServerResponse } from 'node:http';
import { readinessBody, type Readiness } from './readiness.ts';

/**
 * `/healthz` (200 while the process serves) and `/readyz` (200 only when
 * ready, else 503 naming the failed checks). Answers and returns true for
 * those two paths, false for any other.
 */
export function serveHealth(req: IncomingMessage, res: ServerResponse, readiness: Readiness, options: { details: boolean }): boolean {
  const path = (req.url ?? '').split('?', 1)[0];
  if (path !== '/healthz' && path !== '/readyz') return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(req, res, 405, '{"error":{"code":"method_not_allowed","message":"Use GET"}}', { allow: 'GET, HEAD' });
    return true;
  }
  if (path === '/healthz') {
    send(req, res, 200, '{"status":"ok"}');
    return true;
  }
  readiness.report().then(
    (report) => send(req, res, report.ready ? 200 : 503, readinessBody(report, options.details)),
    () => send(req, res, 503, '{"status":"unavailable","failed":["readiness"],"checks":{}}'),
  );
  return true;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = Buffer.from(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length, 'cache-control': 'no-store', ...headers });
  res.end(req.method === 'HEAD' ? undefined : bytes);
  req.resume();
}
