// What the database keeps instead of a token secret.
//
// A plain SHA-256 (no salt, no slow KDF) is enough because the secret carries ≥128 random bits:
// nothing to brute-force, and a deterministic hash lets the gateway find the token by an indexed
// equality lookup on every request.

import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256 of the secret's UTF-8 bytes (64 chars). */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
