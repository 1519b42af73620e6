import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isApiPath } from './request-guards.ts';

// JSON never needs to run, load or frame anything.
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The panel's policy. Next's App Router inlines its flight data in <script>
 * tags, so scripts run by nonce ('strict-dynamic' lets those load the bundles);
 * styles too, so an injected <style> or style attribute cannot restyle the page
 * into a phishing form. Development adds what Next's dev overlay and React's
 * debugging need.
 */
export function panelCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Security headers on every panel and /v1 response, set here rather than in a
 * Next proxy.ts so they also cover what Next answers without routing (static
 * files, its not-found and error pages) and this server's own JSON errors.
 *
 * Next reads the nonce for its scripts from the request's
 * Content-Security-Policy header, so that header is set here too, replacing
 * any the client sent: a client-chosen nonce would be one an attacker knows.
 */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse, options: { dev?: boolean } = {}): void {
  // A framing page could overlay the panel and trick clicks (clickjacking); XFO for browsers without CSP 3.
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  // Panel paths (/apps/<id>) stay out of the Referer apps and other sites receive.
  res.setHeader('referrer-policy', 'same-origin');
  delete req.headers['content-security-policy-report-only'];
  if (isApiPath(req.url)) {
    delete req.headers['content-security-policy'];
    res.setHeader('content-security-policy', API_CSP);
    return;
  }
  const csp = panelCsp(randomBytes(16).toString('base64'), options.dev);
  req.headers['content-security-policy'] = csp;
  res.setHeader('content-security-policy', csp);
}
