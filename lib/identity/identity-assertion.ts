import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ASSERTION_ALG, type SigningKey } from './signing-keys.ts';

/** Who a request through the gateway comes from, as the app can verify it. */
export interface Identity {
  /** The token id, or the user id for a panel sign-in. */
  subject: string;
  name: string;
  project: string;
  role: 'read' | 'operator' | 'member';
  kind: 'token' | 'user';
}

export const ASSERTION_HEADER = 'x-tollgate-jwt-assertion';
export const ASSERTION_TTL_S = 60;
/** An assertion is reused while it has at least this long left: signing per request would cost more than proxying. */
const REUSE_WHILE_S = 30;
const MAX_CACHED = 50_000;

/**
 * Signs the short-lived assertions the gateway hands apps (Cloudflare
 * Access's Cf-Access-Jwt-Assertion, Pomerium's X-Pomerium-Jwt-Assertion):
 * `iss` the panel URL, `aud` the app id, `sub` the token or user, with name,
 * project and role. One per identity and app is reused for up to 30 s of its
 * 60, so the hot path signs rarely; `jti` names that assertion, not a request.
 */
export class AssertionSigner {
  private readonly cache = new Map<string, { jwt: string; refreshAt: number }>();

  constructor(
    private readonly issuer: string,
    private readonly key: () => Promise<SigningKey>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached assertion, or undefined when one must be signed (async). */
  peek(identity: Identity, appId: string): string | undefined {
    const hit = this.cache.get(cacheKey(identity, appId));
    return hit && hit.refreshAt > this.now() ? hit.jwt : undefined;
  }

  async sign(identity: Identity, appId: string): Promise<string> {
    const cached = this.peek(identity, appId);
    if (cached) return cached;
    const { kid, key } = await this.key();
    const issuedAt = Math.floor(this.now() / 1000);
    const jwt = await new SignJWT({ name: identity.name, project: identity.project, role: identity.role, kind: identity.kind })
      .setProtectedHeader({ alg: ASSERTION_ALG, kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(appId)
      .setSubject(identity.subject)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ASSERTION_TTL_S)
      .setJti(randomUUID())
      .sign(key);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(cacheKey(identity, appId), { jwt, refreshAt: (issuedAt + REUSE_WHILE_S) * 1000 });
    return jwt;
  }

  /** A token renamed, regenerated or deleted: its assertions must not outlive the change. */
  forget(subject: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${subject}|`)) this.cache.delete(key);
  }
}

const cacheKey = (identity: Identity, appId: string) => `${identity.subject}|${appId}|${identity.name}|${identity.role}`;
