import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TOKEN_CHECKSUM_LENGTH,
  TOKEN_LENGTH,
  TOKEN_PREFIX,
  TOKEN_RANDOM_LENGTH,
  generateTokenSecret,
  hasValidChecksum,
} from './token-format';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// Independent of the implementation, so the tests pin the wire format rather than echo the code.
function base62Pad6(value: number): string {
  let out = '';
  for (let i = 5; i >= 0; i--) out += ALPHABET.charAt(Math.floor(value / 62 ** i) % 62);
  return out;
}

function decodeBase62(text: string): number {
  return [...text].reduce((acc, ch) => acc * 62 + ALPHABET.indexOf(ch), 0);
}

function withChecksum(body: string): string {
  return body + base62Pad6(crc32(body));
}

describe('generateTokenSecret', () => {
  it('produces tg_ + 22 random base62 chars + 6 checksum chars', () => {
    const token = generateTokenSecret();
    expect(token).toMatch(/^tg_[0-9A-Za-z]{28}$/);
    expect(token).toHaveLength(31);
    expect(TOKEN_PREFIX).toBe('tg_');
    expect(TOKEN_LENGTH).toBe(31);
  });

  it('carries at least 128 bits of randomness', () => {
    expect(TOKEN_RANDOM_LENGTH * Math.log2(62)).toBeGreaterThanOrEqual(128);
  });

  it('produces tokens that pass the checksum', () => {
    for (let i = 0; i < 200; i++) expect(hasValidChecksum(generateTokenSecret())).toBe(true);
  });

  it('ends with the base62 CRC32 (IEEE) of everything before it, prefix included', () => {
    const token = generateTokenSecret();
    const body = token.slice(0, -TOKEN_CHECKSUM_LENGTH);
    expect(decodeBase62(token.slice(-TOKEN_CHECKSUM_LENGTH))).toBe(crc32(body));
  });

  it('never repeats a token', () => {
    const tokens = new Set(Array.from({ length: 2000 }, generateTokenSecret));
    expect(tokens.size).toBe(2000);
  });

  it('uses every base62 character about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const random = generateTokenSecret().slice(TOKEN_PREFIX.length, -TOKEN_CHECKSUM_LENGTH);
      for (const ch of random) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    const expected = (n * TOKEN_RANDOM_LENGTH) / 62; // ≈ 1419, σ ≈ 37
    expect(counts.size).toBe(62);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(expected * 0.8);
      expect(count).toBeLessThan(expected * 1.2);
    }
  });
});

describe('hasValidChecksum', () => {
  it('accepts a hand-built token with a correct checksum', () => {
    const token = withChecksum('tg_' + 'a'.repeat(22));
    expect(hasValidChecksum(token)).toBe(true);
  });

  it('pads short checksums with leading zeros', () => {
    // Search a body whose CRC32 is small enough to need padding.
    let body = '';
    for (let i = 0; ; i++) {
      body = 'tg_' + i.toString().padStart(22, '0');
      if (crc32(body) < 62 ** 5) break;
    }
    const token = withChecksum(body);
    expect(token.slice(-6).startsWith('0')).toBe(true);
    expect(hasValidChecksum(token)).toBe(true);
  });

  it('rejects a token with any single character changed', () => {
    const anyChar = fc.oneof(
      fc.constantFrom(...ALPHABET),
      fc.constantFrom('-', '_', ' ', '\n', 'é', '\u0000', '+', '/', '='),
    );
    fc.assert(
      fc.property(fc.nat({ max: TOKEN_LENGTH - 1 }), anyChar, (index, replacement) => {
        const token = generateTokenSecret();
        fc.pre(token[index] !== replacement);
        const mutated = token.slice(0, index) + replacement + token.slice(index + 1);
        return !hasValidChecksum(mutated);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every single-character change of one token, exhaustively over base62', () => {
    const token = generateTokenSecret();
    for (let i = 0; i < token.length; i++) {
      for (const ch of ALPHABET) {
        if (ch === token[i]) continue;
        expect(hasValidChecksum(token.slice(0, i) + ch + token.slice(i + 1))).toBe(false);
      }
    }
  });

  it.each([
    ['TG_ (case)', 'TG_'],
    ['gh_', 'gh_'],
    ['tg-', 'tg-'],
    ['tk_', 'tk_'],
  ])('rejects a wrong prefix even with a matching checksum: %s', (_label, prefix) => {
    const token = withChecksum(prefix + 'x'.repeat(22));
    expect(token).toHaveLength(31);
    expect(hasValidChecksum(token)).toBe(false);
  });

  it.each([
    ['one char short', 'tg_' + 'x'.repeat(21)],
    ['one char long', 'tg_' + 'x'.repeat(23)],
    ['no random part', 'tg_'],
  ])('rejects a wrong length even with a matching checksum: %s', (_label, body) => {
    expect(hasValidChecksum(withChecksum(body))).toBe(false);
  });

  it.each([
    ['dash', 'tg_' + 'x'.repeat(21) + '-'],
    ['underscore', 'tg_' + '_'.repeat(22)],
    ['space', 'tg_' + 'x'.repeat(21) + ' '],
    ['non-ASCII', 'tg_' + 'x'.repeat(21) + 'é'],
  ])('rejects non-base62 characters even with a matching checksum: %s', (_label, body) => {
    expect(hasValidChecksum(withChecksum(body))).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['prefix only', 'tg_'],
    ['surrounding whitespace', ` ${withChecksum('tg_' + 'a'.repeat(22))} `],
    ['trailing newline', `${withChecksum('tg_' + 'a'.repeat(22))}\n`],
    ['Bearer prefix left on', `Bearer ${withChecksum('tg_' + 'a'.repeat(22))}`],
  ])('rejects malformed input: %s', (_label, input) => {
    expect(hasValidChecksum(input)).toBe(false);
  });
});
