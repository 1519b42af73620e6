import { validateHeaderValue, type IncomingMessage } from 'node:http';
import { authorize } from '../authz/authorize.ts';
import type { RateLimiter } from '../auth/rate-limiter.ts';
import { isSecure, requestClientIp } from '../http/forwarded-headers.ts';
import { isSameOrigin } from '../http/same-origin.ts';
import { checkToken } from '../tokens/check-token.ts';
import type { AccessResolver } from './access-resolver.ts';
import { clearGateCookie, GATE_SESSION_TTL_MS, hashGateCode, hashSessionId, newSessionId, readGateCookies, serializeGateCookie } from './gate-cookie.ts';
import { loginPage } from './gateway-pages.ts';
import type { GatewayApp, GatewayStore } from './gateway-store.ts';
import type { Reply } from './reply.ts';
import { safeRedirectPath } from './safe-redirect.ts';

const MAX_FORM_BYTES = 8 * 1024;

export interface GateDeps {
  resolver: AccessResolver;
  store: GatewayStore;
  limiter: RateLimiter;
  /** Where the panel is reached (PUBLIC_URL): "Sign in with Tollgate" starts there. */
  panelOrigin?: string;
}


/** The app host's own paths: Login with token (GET form, POST connect), the panel sign-in's callback, and logout. */
export async function handleGatePath(req: IncomingMessage, app: GatewayApp, deps: GateDeps): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://app.invalid');
  if (url.pathname === '/__tollgate/login' && (req.method === 'GET' || req.method === 'HEAD')) {
    const next = safeRedirectPath(url.searchParams.get('next')) ?? '/';
    return { status: 200, html: loginPage({ appId: app.id, appName: app.name, next, panelSignIn: panelSignIn(app, next, deps) }) };
  }
  if (url.pathname === '/__tollgate/login' && req.method === 'POST') return connect(req, app, deps);
  if (url.pathname === '/__tollgate/callback' && (req.method === 'GET' || req.method === 'HEAD')) return callback(req, url, app, deps);
  if (url.pathname === '/__tollgate/logout' && req.method === 'POST') {
    // A cross-site form must not be able to sign the user out either.
    if (!fromThisOrigin(req)) return { status: 403, code: 'forbidden', title: 'Refused', message: 'Cross-site sign-out refused' };
    for (const id of readGateCookies(req.headers.cookie, isSecure(req))) await deps.store.deleteSession(hashSessionId(id));
    return { status: 303, location: '/__tollgate/login', headers: { 'set-cookie': clearGateCookie(isSecure(req)) } };
  }
  return { status: 404, code: 'not_found', title: 'Not found', message: 'No such page' };
}

async function connect(req: IncomingMessage, app: GatewayApp, deps: GateDeps): Promise<Reply> {
  // The client as TRUSTED_PROXIES report it: behind a proxy, one client's failures must not lock out everyone.
  const ip = requestClientIp(req);
  const form = await readForm(req);
  const next = safeRedirectPath(form?.get('next')) ?? '/';
  const page = (status: number, error: string, extra: Partial<Reply> = {}): Reply => ({
    status,
    html: loginPage({ appId: app.id, appName: app.name, next, error, panelSignIn: panelSignIn(app, next, deps) }),
    ...extra,
  });
  if (!form) return page(400, 'The form could not be read. Try again.');
  // Only this app host's own page may post here: a foreign page could sign the
  // victim in with the attacker's token (login CSRF).
  if (!fromThisOrigin(req)) return page(403, 'Cross-site sign-in refused.');
  const wait = deps.limiter.retryAfter(ip);
  if (wait > 0) return page(429, `Too many attempts, try again in ${wait} s.`, { retryAfter: wait });

  const secret = (form.get('token') ?? '').trim();
  const check = checkToken(secret ? await deps.resolver.tokenBySecret(secret) : null);
  if (!check.ok) {
    deps.limiter.hit(ip);
    return page(401, check.denial.reason === 'expired' ? 'This token has expired. Ask for a new one.' : 'This token is not valid. Check that you copied it whole, or ask for a new one.');
  }
  const decision = authorize({ credential: check.token.credential, app, action: 'app:query', clientIp: requestClientIp(req) });
  if (!decision.allow) {
    deps.limiter.hit(ip);
    return page(decision.status, `This token cannot open this app: ${decision.message}.`);
  }
  // The answer must be writable before a session exists: a session nobody
  // receives would only be a row to clean up. `next` is ASCII by construction.
  validateHeaderValue('location', next);
  const { id, idHash } = newSessionId();
  await deps.store.createSession({
    idHash,
    appId: app.id,
    tokenId: check.token.record.id,
    tokenVersion: check.token.record.version,
    userId: null,
    expiresAt: new Date(Date.now() + GATE_SESSION_TTL_MS),
  });
  deps.limiter.reset(ip);
  return { status: 303, location: next, headers: { 'set-cookie': serializeGateCookie(id, isSecure(req)) } };
}

/** The panel page that starts Sign in with Tollgate, when this app lets members in. */
function panelSignIn(app: GatewayApp, next: string, deps: GateDeps): string | undefined {
  if (!app.allowPanelUsers || !deps.panelOrigin || app.unsecureHttp) return undefined;
  return `${deps.panelOrigin}/apps/${app.id}/open?next=${encodeURIComponent(next)}`;
}

/**
 * The end of Sign in with Tollgate: the panel sent the browser here with a
 * one-time code (issued for this app and host, valid 60 s). The code is taken
 * from the database as it is read, so a replayed or leaked code opens nothing;
 * the user must still be a member of the app's project, and the app still
 * open to members. The session then opens the app like a token's would.
 */
async function callback(req: IncomingMessage, url: URL, app: GatewayApp, deps: GateDeps): Promise<Reply> {
  // The client as TRUSTED_PROXIES report it: behind a proxy, one client's failures must not lock out everyone.
  const ip = requestClientIp(req);
  const refuse = (message: string): Reply => ({ status: 400, code: 'bad_request', title: 'Sign-in failed', message });
  const wait = deps.limiter.retryAfter(ip);
  if (wait > 0) return { status: 429, code: 'rate_limited', title: 'Too many attempts', message: `Too many attempts, try again in ${wait} s.`, retryAfter: wait };
  const code = url.searchParams.get('code') ?? '';
  const found = /^[A-Za-z0-9_-]{43}$/.test(code) ? await deps.store.consumeGateCode(hashGateCode(code)) : null;
  const host = (req.headers.host ?? '').toLowerCase();
  if (!found || found.expiresAt.getTime() <= Date.now() || found.appId !== app.id || found.host !== host) {
    deps.limiter.hit(ip);
    return refuse('This sign-in link is not valid any more: it works once, for one minute. Sign in again from the app.');
  }
  const user = await deps.store.findPanelUser(found.userId);
  const decision = user ? authorize({ credential: { kind: 'user', userId: user.id, projectIds: user.projectIds }, app, action: 'app:query' }) : null;
  if (!user || !decision?.allow) {
    return { status: 403, code: 'forbidden', title: 'Access denied', message: decision?.allow === false ? decision.message : 'Your account no longer exists' };
  }
  const next = safeRedirectPath(found.next) ?? '/';
  validateHeaderValue('location', next);
  const { id, idHash } = newSessionId();
  await deps.store.createSession({ idHash, appId: app.id, tokenId: null, tokenVersion: null, userId: user.id, expiresAt: new Date(Date.now() + GATE_SESSION_TTL_MS) });
  deps.limiter.reset(ip);
  return { status: 303, location: next, headers: { 'set-cookie': serializeGateCookie(id, isSecure(req)) } };
}

function fromThisOrigin(req: IncomingMessage): boolean {
  return isSameOrigin({ origin: req.headers.origin, secFetchSite: req.headers['sec-fetch-site'], host: req.headers.host, secure: isSecure(req) });
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
