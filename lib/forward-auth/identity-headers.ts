import type { ResolvedToken } from '../tokens/token-record.ts';

/**
 * How long a proxy may reuse an allow for the same credential: the revocation
 * bound of a proxy that caches decisions (a regenerated or deleted token may
 * still pass for at most this long there; without a cache, the very next
 * request is refused). Denials are never cacheable.
 */
export const ALLOW_MAX_AGE_S = 2;

export const ALLOW_CACHE_CONTROL = `max-age=${ALLOW_MAX_AGE_S}`;
export const DENY_CACHE_CONTROL = 'no-store';

/** The decision depends on the credential (Bearer or gate cookie): a cache must key on both. */
export const ALLOW_VARY = 'Authorization, Cookie';

/** Identity of the caller, for the proxy to pass on to the app (always from this answer, never from the client). */
export const IDENTITY_HEADERS = {
  tokenId: 'X-Tollgate-Token-Id',
  tokenName: 'X-Tollgate-Token-Name',
  /** The same identity as a signed assertion (JWT, 60 s), verifiable against /.well-known/jwks.json. */
  jwtAssertion: 'X-Tollgate-Jwt-Assertion',
} as const;

/**
 * The allow's headers. An app open to anyone (unsecureHttp) gets them empty:
 * present, so that every proxy's "copy these headers from the answer" replaces
 * whatever the client sent under those names. The token's name is
 * percent-encoded (`decodeURIComponent` gives it back): names may hold any
 * character, header values may not.
 */
export function allowHeaders(token: ResolvedToken | null, assertion: string | undefined): Record<string, string | number> {
  return {
    'cache-control': ALLOW_CACHE_CONTROL,
    vary: ALLOW_VARY,
    'content-length': 0,
    [IDENTITY_HEADERS.tokenId]: token ? token.record.id : '',
    [IDENTITY_HEADERS.tokenName]: token ? encodeURIComponent(token.record.name) : '',
    [IDENTITY_HEADERS.jwtAssertion]: assertion ?? '',
  };
}
