import { TOKEN_PREFIX, TOKEN_LENGTH } from '../tokens/token-format.ts';

// What must never be read back from an app's output: the values of its env
// vars marked secret, and anything shaped like a Tollgate token (an app that
// logs its request headers would otherwise print the caller's token).

const TOKEN_SHAPE = new RegExp(`${TOKEN_PREFIX}[0-9A-Za-z]{${TOKEN_LENGTH - TOKEN_PREFIX.length}}`, 'g');
export const MASK = '***';

/** Very short values would mask every occurrence of common text; a secret that short is no secret. */
const MIN_SECRET_LENGTH = 4;

export function logMask(secrets: readonly string[]): (line: string) => string {
  const values = [...new Set(secrets.filter((value) => value.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line.replace(TOKEN_SHAPE, `${TOKEN_PREFIX}${MASK}`);
    for (const value of values) if (out.includes(value)) out = out.split(value).join(MASK);
    return out;
  };
}
