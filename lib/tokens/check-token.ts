import type { Denial } from '../authz/authorize.ts';
import type { ResolvedToken } from './token-record.ts';

// The one answer to "is this token usable at all?", before any question of
// scope: every path that accepts a token (the /v1 API, the gateway's Bearer
// and gate sessions, Login with token, the panel's "Tokens with access") asks
// here, then asks `authorize` about the app.

function denial(reason: 'unknown_token' | 'expired', message: string): Denial {
  return Object.freeze({ allow: false, reason, status: 401, message });
}

export const DENY_UNKNOWN_TOKEN = denial('unknown_token', 'the token is not valid');
export const DENY_EXPIRED = denial('expired', 'the token has expired');
export const DENY_RENEWED = denial('unknown_token', 'the token was renewed: this secret no longer works');

export type TokenCheck = { readonly ok: true; readonly token: ResolvedToken } | { readonly ok: false; readonly denial: Denial };

/**
 * `found` is what the lookup by secret (or by a gate session's token id)
 * returned: null for a forged, unknown, regenerated or deleted secret.
 */
export function checkToken(found: ResolvedToken | null, now: number = Date.now()): TokenCheck {
  if (found === null) return { ok: false, denial: DENY_UNKNOWN_TOKEN };
  // Expired at the instant itself, like GitHub's and OVH's expiry dates.
  const expiresAt = found.record.expiresAt;
  if (expiresAt !== null && expiresAt.getTime() <= now) return { ok: false, denial: DENY_EXPIRED };
  // The secret from before a renew works to the end of the grace period, not one request longer.
  if (found.viaPrevious) {
    const until = found.record.previousSecretExpiresAt;
    if (until === null || until.getTime() <= now) return { ok: false, denial: DENY_RENEWED };
  }
  return { ok: true, token: found };
}
