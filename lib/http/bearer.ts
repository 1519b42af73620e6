import { TOKEN_PREFIX } from '../tokens/token-format.ts';

// RFC 6750 §2.1 says one space; tabs are accepted too, as most servers do.
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const TOLLGATE_BEARER = new RegExp(`^Bearer[ \\t]+${TOKEN_PREFIX}`, 'i');

/**
 * The credential of an `Authorization` header: undefined when there is no
 * header, null when there is one but it is not a Bearer credential (Basic,
 * garbage), else the token as sent.
 */
export function parseBearer(authorization: string | null | undefined): string | null | undefined {
  if (authorization === undefined || authorization === null || authorization === '') return undefined;
  return BEARER.exec(authorization)?.[1] ?? null;
}

/**
 * True when the header carries something that looks like a Tollgate token,
 * even malformed (`Bearer tg_… junk`): such a header never reaches an app.
 */
export function isTollgateBearer(authorization: string | null | undefined): boolean {
  return authorization !== undefined && authorization !== null && TOLLGATE_BEARER.test(authorization);
}
