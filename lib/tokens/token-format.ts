// The shape of a token secret: `tg_` + 22 random base62 chars + 6-char base62 CRC32.
//
// The recognisable prefix lets secret scanners (and people) spot a leaked token; the checksum
// lets the gateway throw away typos and forged strings without a database round trip. The
// checksum is not a MAC: it only proves the string was not mangled, never that we issued it.

import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const TOKEN_PREFIX = 'tg_';

const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// 62^22 ≈ 2^130.99, the shortest base62 run that carries at least 128 bits.
export const TOKEN_RANDOM_LENGTH = 22;

// 62^6 ≈ 5.7e10 > 2^32, so every CRC32 fits in six digits.
export const TOKEN_CHECKSUM_LENGTH = 6;

export const TOKEN_LENGTH = TOKEN_PREFIX.length + TOKEN_RANDOM_LENGTH + TOKEN_CHECKSUM_LENGTH;

// Anchored and fixed-length, so it cannot backtrack on hostile input.
const TOKEN_SHAPE = new RegExp(
  `^${TOKEN_PREFIX}[0-9A-Za-z]{${TOKEN_RANDOM_LENGTH + TOKEN_CHECKSUM_LENGTH}}$`,
);

// 248 = 4 × 62: bytes at or above it are discarded so `byte % 62` stays uniform.
const REJECTION_LIMIT = 256 - (256 % BASE62_ALPHABET.length);

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    // Ask for a little more than needed: ~3% of bytes are rejected.
    const bytes = randomBytes(length + 8);
    for (const byte of bytes) {
      if (byte >= REJECTION_LIMIT) continue;
      out += BASE62_ALPHABET.charAt(byte % BASE62_ALPHABET.length);
      if (out.length === length) break;
    }
  }
  return out;
}

function checksumOf(body: string): string {
  // Token bodies are ASCII, so hashing the string's UTF-8 bytes is hashing its characters.
  let value = crc32(body);
  let out = '';
  for (let i = 0; i < TOKEN_CHECKSUM_LENGTH; i++) {
    out = BASE62_ALPHABET.charAt(value % 62) + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function generateTokenSecret(): string {
  const body = TOKEN_PREFIX + randomBase62(TOKEN_RANDOM_LENGTH);
  return body + checksumOf(body);
}

/**
 * True when `candidate` has the token shape and its checksum matches. Pure and cheap (one
 * regex, one CRC32), meant to run before any cache or database lookup.
 */
export function hasValidChecksum(candidate: string): boolean {
  if (candidate.length !== TOKEN_LENGTH || !TOKEN_SHAPE.test(candidate)) return false;
  const split = TOKEN_LENGTH - TOKEN_CHECKSUM_LENGTH;
  return checksumOf(candidate.slice(0, split)) === candidate.slice(split);
}
