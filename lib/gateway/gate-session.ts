import type { IncomingMessage } from 'node:http';
import { isSecure } from '../http/forwarded-headers.ts';
import { checkToken } from '../tokens/check-token.ts';
import type { AccessResolver } from './access-resolver.ts';
import { hashSessionId, readGateCookies } from './gate-cookie.ts';
import type { GatewayApp, GatewaySession } from './gateway-store.ts';
import type { Presented } from './gateway.ts';

const NONE: Presented = Object.freeze({ kind: 'none' });

/**
 * Who the request's gate cookie stands for. A session opens one app until it
 * expires, either for one version of a token (regenerating ends it) or for a
 * panel user (Sign in with Tollgate; their membership is checked on use).
 *
 * Several cookies of the gate's name may arrive: over plain http a sibling app
 * host can plant one for the parent domain, which the browser then sends
 * first. A planted cookie could tie the victim to the attacker's session on
 * this app, so when more than one valid session for this app is offered,
 * none is used and the user signs in again (https avoids this altogether: the
 * `__Host-` cookie cannot be planted).
 */
export async function findGateSession(req: IncomingMessage, app: GatewayApp, resolver: AccessResolver): Promise<Presented> {
  const ids = readGateCookies(req.headers.cookie, isSecure(req));
  if (ids.length === 0) return NONE;
  const now = Date.now();
  const valid: Presented[] = [];
  for (const id of ids) {
    const session = await resolver.session(hashSessionId(id));
    if (!session || session.appId !== app.id || session.expiresAt.getTime() <= now) continue;
    const presented = await sessionHolder(session, resolver, now);
    if (presented) valid.push(presented);
  }
  if (valid.length > 1) return NONE;
  return valid[0] ?? { kind: 'token', found: null };
}

async function sessionHolder(session: GatewaySession, resolver: AccessResolver, now: number): Promise<Presented | null> {
  if (session.userId !== null) {
    const user = await resolver.panelUser(session.userId);
    return user ? { kind: 'user', user } : null;
  }
  if (session.tokenId === null) return null;
  const token = await resolver.tokenById(session.tokenId);
  if (!token) return null;
  // Opened with the secret a renew replaced: it lasts as long as that secret's grace.
  const candidate = token.record.version === session.tokenVersion ? token : session.tokenVersion === token.record.version - 1 ? { ...token, viaPrevious: true } : null;
  return candidate && checkToken(candidate, now).ok ? { kind: 'token', found: candidate } : null;
}
