import type { IncomingMessage } from 'node:http';
import { authorize } from '../authz/authorize';
import type { RateLimiter } from '../auth/rate-limiter';
import type { AccessResolver } from './access-resolver';
import { clearGateCookie, GATE_SESSION_TTL_MS, hashSessionId, newSessionId, readGateCookies, serializeGateCookie } from './gate-cookie';
import { loginPage } from './gateway-pages';
import type { GatewayApp, GatewayStore } from './gateway-store';
import type { Reply } from './reply';
import { safeRedirectPath } from './safe-redirect';
import { isSecure } from './upstream-headers';

const MAX_FORM_BYTES = 8 * 1024;

interface GateDeps {
  resolver: AccessResolver;
  store: GatewayStore;
  limiter: RateLimiter;
}

/** The app host's own paths: Login with token (GET form, POST connect) and logout. */
export async function handleGatePath(req: IncomingMessage, app: GatewayApp, deps: GateDeps): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://app.invalid');
  if (url.pathname === '/__tollgate/login' && (req.method === 'GET' || req.method === 'HEAD')) {
    const next = safeRedirectPath(url.searchParams.get('next')) ?? '/';
    return { status: 200, html: loginPage({ appId: app.id, next }) };
  }
  if (url.pathname === '/__tollgate/login' && req.method === 'POST') return connect(req, app, deps);
  if (url.pathname === '/__tollgate/logout' && req.method === 'POST') {
    if (!isSameSiteForm(req)) return { status: 403, code: 'forbidden', title: 'Refused', message: 'Cross-site sign-out refused' };
    for (const id of readGateCookies(req.headers.cookie, isSecure(req))) await deps.store.deleteSession(hashSessionId(id));
    return { status: 303, location: '/__tollgate/login', headers: { 'set-cookie': clearGateCookie(isSecure(req)) } };
  }
  return { status: 404, code: 'not_found', title: 'Not found', message: 'No such page' };
}

async function connect(req: IncomingMessage, app: GatewayApp, deps: GateDeps): Promise<Reply> {
  const ip = req.socket.remoteAddress ?? 'unknown';
  const form = await readForm(req);
  const next = safeRedirectPath(form?.get('next')) ?? '/';
  const page = (status: number, error: string, extra: Partial<Reply> = {}): Reply => ({
    status,
    html: loginPage({ appId: app.id, next, error }),
    ...extra,
  });
  if (!form) return page(400, 'The form could not be read. Try again.');
  // Only this app host's own page may post here (login CSRF).
  if (!isSameSiteForm(req)) return page(403, 'Cross-site sign-in refused.');
  const wait = deps.limiter.retryAfter(ip);
  if (wait > 0) return page(429, `Too many attempts, try again in ${wait} s.`, { retryAfter: wait });

  const secret = (form.get('token') ?? '').trim();
  const token = secret ? await deps.resolver.tokenBySecret(secret) : null;
  if (!token) {
    deps.limiter.hit(ip);
    return page(401, 'This token is not valid. Check that you copied it whole, or ask for a new one.');
  }
  const decision = authorize({ credential: token.credential, app, action: 'app:query' });
  if (!decision.allow) {
    deps.limiter.hit(ip);
    return page(decision.status, `This token cannot open this app: ${decision.message}.`);
  }
  const { id, idHash } = newSessionId();
  await deps.store.createSession({
    idHash,
    appId: app.id,
    tokenId: token.record.id,
    tokenVersion: token.record.version,
    expiresAt: new Date(Date.now() + GATE_SESSION_TTL_MS),
  });
  deps.limiter.reset(ip);
  return { status: 303, location: next, headers: { 'set-cookie': serializeGateCookie(id, isSecure(req)) } };
}

/**
 * A form post from this very app host. `Origin: null` (sandboxed frames, data:
 * URLs) counts as foreign; without Origin, a browser's Sec-Fetch-Site must say
 * same-origin; a client sending neither is not a browser, so there is no CSRF.
 */
function isSameSiteForm(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    try {
      return origin !== 'null' && new URL(origin).host === (req.headers.host ?? '').toLowerCase();
    } catch {
      return false;
    }
  }
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
