import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorEnvelope } from '../http/error-envelope.ts';
import { messagePage, PAGE_CSP } from './gateway-pages.ts';

/** What the gateway answers itself (never the app): JSON for programs, a page for browsers. */
export interface Reply {
  status: number;
  code?: string;
  title?: string;
  message?: string;
  details?: unknown;
  retryAfter?: number;
  wwwAuthenticate?: string;
  /** For a 401 to a browser: send it to Login with token, then back to this path. */
  loginRedirect?: string;
  /** The app's name, for the pages a browser sees. */
  appName?: string;
  /** The page reloads itself (a stopped app's 503): the user need not press reload. */
  refreshSeconds?: number;
  /** A ready page (the login form). */
  html?: string;
  location?: string;
  headers?: Record<string, string | string[]>;
}

export function wantsHtml(req: IncomingMessage): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
}

/** Writes the reply; returns the body bytes sent (for the access log). */
export function respond(req: IncomingMessage, res: ServerResponse, reply: Reply): number {
  const headers: Record<string, string | string[] | number> = { 'cache-control': 'no-store', ...reply.headers };
  if (reply.retryAfter) headers['retry-after'] = String(reply.retryAfter);
  if (reply.location) {
    res.writeHead(reply.status, { ...headers, location: reply.location, 'content-length': 0 });
    res.end();
    return 0;
  }
  if (reply.loginRedirect !== undefined && wantsHtml(req)) {
    res.writeHead(302, { ...headers, location: `/__tollgate/login?next=${encodeURIComponent(reply.loginRedirect)}`, 'content-length': 0 });
    res.end();
    return 0;
  }
  if (reply.wwwAuthenticate) headers['www-authenticate'] = reply.wwwAuthenticate;
  const html = reply.html ?? (wantsHtml(req) ? messagePage(reply.title ?? 'Error', reply.message ?? '', { appName: reply.appName, refreshSeconds: reply.refreshSeconds }) : undefined);
  if (html !== undefined) {
    const body = Buffer.from(html);
    res.writeHead(reply.status, {
      ...headers,
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      'content-security-policy': PAGE_CSP,
      'x-frame-options': 'DENY',
      // Not no-referrer: with it, browsers send `Origin: null` on the login form's POST.
      'referrer-policy': 'same-origin',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return req.method === 'HEAD' ? 0 : body.length;
  }
  const body = Buffer.from(JSON.stringify(replyBody(reply)));
  res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
  return body.length;
}

/** A reply's JSON body, in the one error envelope. */
export function replyBody(reply: Reply) {
  return errorEnvelope(reply.code ?? 'error', reply.message ?? '', reply.details);
}
