import { createHash, randomBytes } from 'node:crypto';

export const GATE_COOKIE = 'tg_gate';
// On https the __Host- prefix makes the browser refuse any Domain attribute:
// the cookie can never be shared with a sibling app host.
export const SECURE_GATE_COOKIE = '__Host-tg_gate';
export const GATE_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

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

export function serializeGateCookie(id: string, secure: boolean): string {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${GATE_SESSION_TTL_MS / 1000}`];
  if (secure) attributes.push('Secure');
  return `${gateCookieName(secure)}=${id}; ${attributes.join('; ')}`;
}

export function clearGateCookie(secure: boolean): string {
  return `${gateCookieName(secure)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

const MAX_CANDIDATES = 3;

/**
 * The gate session ids a Cookie header offers, in order. On https only the
 * __Host- cookie counts. Every candidate is returned, because a sibling app
 * host can plant a same-named cookie for a parent domain that the browser
 * then sends first.
 */
export function readGateCookies(cookieHeader: string | undefined, secure: boolean): string[] {
  if (!cookieHeader) return [];
  const wanted = gateCookieName(secure);
  const found: string[] = [];
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== wanted) continue;
    const value = part.slice(eq + 1).trim();
    if (value && found.push(value) >= MAX_CANDIDATES) break;
  }
  return found;
}

export function isGateCookieName(name: string): boolean {
  return name === GATE_COOKIE || name === SECURE_GATE_COOKIE;
}

/** The Cookie header the app sees: the app's own cookies, never the gate session. */
export function stripGateCookie(cookieHeader: string): string {
  return cookieHeader
    .split(';')
    .filter((part) => {
      const name = part.slice(0, part.indexOf('=') === -1 ? undefined : part.indexOf('=')).trim();
      return name !== GATE_COOKIE && name !== SECURE_GATE_COOKIE;
    })
    .map((part) => part.trim())
    .filter(Boolean)
    .join('; ');
}
