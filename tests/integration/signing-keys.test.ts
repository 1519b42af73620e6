// Rotating the key that signs identity assertions: the new key signs at once, the old one stays
// published for a day so what it signed still verifies, then leaves the JWKS.

import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSigningKey, publishedKeys, RETIRED_KEY_GRACE_MS, rotateSigningKey } from '../../lib/identity/signing-keys.ts';
import { createTestDatabase } from './helpers/test-database.ts';

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

async function sign(kid: string, key: CryptoKey): Promise<string> {
  return new SignJWT({ kind: 'token' }).setProtectedHeader({ alg: 'ES256', kid }).setAudience('app').setExpirationTime('60s').sign(key);
}

describe('signing key rotation', () => {
  it('one key on first use, shared by every caller', async () => {
    const [a, b] = await Promise.all([currentSigningKey(db.prisma), currentSigningKey(db.prisma)]);
    expect(a.kid).toBe(b.kid);
    expect((await publishedKeys(db.prisma)).keys.map((key) => key.kid)).toEqual([a.kid]);
  });

  it('after a rotation the new key signs, and what the old one signed still verifies for a day', async () => {
    const old = await currentSigningKey(db.prisma);
    const before = await sign(old.kid, old.key);
    const kid = await rotateSigningKey(db.prisma);
    const now = await currentSigningKey(db.prisma);
    expect(now.kid).toBe(kid);
    expect(now.kid).not.toBe(old.kid);

    const jwks = createLocalJWKSet(await publishedKeys(db.prisma));
    await expect(jwtVerify(before, jwks, { audience: 'app' })).resolves.toBeDefined();
    await expect(jwtVerify(await sign(now.kid, now.key), jwks, { audience: 'app' })).resolves.toBeDefined();

    // A day later the old key is gone from the JWKS, and its assertions no longer verify.
    await db.prisma.signingKey.update({ where: { kid: old.kid }, data: { retiredAt: new Date(Date.now() - RETIRED_KEY_GRACE_MS - 1000) } });
    const later = await publishedKeys(db.prisma);
    expect(later.keys.map((key) => key.kid)).toEqual([now.kid]);
    await expect(jwtVerify(before, createLocalJWKSet(later), { audience: 'app' })).rejects.toThrow();
  });
});
