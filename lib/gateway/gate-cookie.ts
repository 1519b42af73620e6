import { createHash, randomBytes } from 'node:crypto';
import { stringifySetCookie } from 'cookie';
import { readCookieAll, removeCookies } from '../http/cookies.ts';

export const GATE_COOKIE = 'tg_gate';
// On https the __Host- prefix makes the browser refuse any Domain attribute:
// the cookie can never be shared with, or planted by, a sibling app host.
export const SECURE_GATE_COOKIE = '__Host-tg_gate';
export const GATE_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const GATE_COOKIE_NAMES: ReadonlySet<string> = new Set([GATE_COOKIE, SECURE_GATE_COOKIE]);

export function gateCookieName(secure: boolean): string {
  return secure ? SECURE_GATE_COOKIE : GATE_COOKIE;
}

export function newSessionId(): { id: string; idHash: string } {
  const id = randomBytes(32).toString('base64url');
  return { id, idHash: hashSessionId(id) };
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** How long a Sign in with Tollgate code may take from the panel to the app host. */
export const GATE_CODE_TTL_MS = 60_000;

/** A Sign in with Tollgate code: 32 random bytes, base64url (43 characters); only its hash is stored. */
export function newGateCode(): { code: string; codeHash: string } {
  const code = randomBytes(32).toString('base64url');
  return { code, codeHash: hashGateCode(code) };
}

export function hashGateCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** Host-only (no Domain), HttpOnly, SameSite=Lax; Secure with the __Host- name on https. */
export function serializeGateCookie(id: string, secure: boolean): string {
  return stringifySetCookie({ name: gateCookieName(secure), value: id, path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: GATE_SESSION_TTL_MS / 1000 });
}

export function clearGateCookie(secure: boolean): string {
  return stringifySetCookie({ name: gateCookieName(secure), value: '', path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 0 });
}

const MAX_CANDIDATES = 3;

/**
 * The gate session ids a Cookie header offers, in order. On https only the
 * __Host- cookie counts. Every candidate is returned, because a sibling app
 * host can plant a same-named cookie for a parent domain that the browser
 * then sends first.
 */
export function readGateCookies(cookieHeader: string | undefined, secure: boolean): string[] {
  return readCookieAll(cookieHeader, gateCookieName(secure), MAX_CANDIDATES);
}

export function isGateCookieName(name: string): boolean {
  return GATE_COOKIE_NAMES.has(name);
}

/** The Cookie header the app sees: the app's own cookies, never the gate session. */
export function stripGateCookie(cookieHeader: string): string {
  return removeCookies(cookieHeader, GATE_COOKIE_NAMES);
}
