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

/** The gate session id from a Cookie header, if any. */
export function readGateCookie(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (name === GATE_COOKIE || name === SECURE_GATE_COOKIE) {
      const value = part.slice(eq + 1).trim();
      if (value) return value;
    }
  }
  return null;
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
