import { describe, expect, it } from 'vitest';
import { generateTokenSecret } from './token-format';
import { hashTokenSecret } from './token-secret';

describe('hashTokenSecret', () => {
  it('is SHA-256 in lowercase hex', () => {
    // FIPS 180-2 test vector.
    expect(hashTokenSecret('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('is 64 hex characters for a real token', () => {
    expect(hashTokenSecret(generateTokenSecret())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable for the same secret', () => {
    const secret = generateTokenSecret();
    expect(hashTokenSecret(secret)).toBe(hashTokenSecret(secret));
  });

  it('differs for different secrets', () => {
    expect(hashTokenSecret(generateTokenSecret())).not.toBe(hashTokenSecret(generateTokenSecret()));
  });

  it('distinguishes secrets that differ only in case (base62 needs both cases for its 128 bits)', () => {
    const secret = 'tg_' + 'aB'.repeat(11) + '000000';
    expect(hashTokenSecret(secret)).not.toBe(hashTokenSecret(secret.toLowerCase()));
    expect(hashTokenSecret(secret)).not.toBe(hashTokenSecret(secret.toUpperCase()));
  });
});
