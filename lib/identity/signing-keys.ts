import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Prisma, PrismaClient } from '../db/generated/client.ts';

// The keys that sign identity assertions for apps, kept in the database so
// every instance signs with the same one and publishes the same JWKS.

export const ASSERTION_ALG = 'ES256';
/** A retired key stays published this long: assertions it signed just before a rotation still verify. */
export const RETIRED_KEY_GRACE_MS = 24 * 60 * 60 * 1000;

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

async function newKeyRow() {
  const { privateKey, publicKey } = await generateKeyPair(ASSERTION_ALG, { extractable: true });
  const kid = randomUUID();
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: ASSERTION_ALG, use: 'sig' };
  return { kid, privateJwk: (await exportJWK(privateKey)) as Prisma.InputJsonValue, publicJwk: publicJwk as Prisma.InputJsonValue };
}

// Instances starting together must not each make a key: the first one does, under this lock.
const KEY_LOCK = 7340221103;

/** The key that signs now: the newest one not retired, made on first use. */
export async function currentSigningKey(prisma: PrismaClient): Promise<SigningKey> {
  let row = await prisma.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' } });
  if (!row) {
    const candidate = await newKeyRow();
    row = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_LOCK})`;
      const existing = await tx.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' } });
      return existing ?? tx.signingKey.create({ data: candidate });
    });
  }
  return { kid: row.kid, key: (await importJWK(row.privateJwk as JWK, ASSERTION_ALG)) as CryptoKey };
}

/** A new signing key; the old ones retire and stay published for a day. */
export async function rotateSigningKey(prisma: PrismaClient): Promise<string> {
  const candidate = await newKeyRow();
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_LOCK})`;
    await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: new Date() } });
    await tx.signingKey.create({ data: candidate });
  });
  return candidate.kid;
}

/** The JWKS apps verify assertions with: every key that signs now or did within the last day. */
export async function publishedKeys(prisma: PrismaClient): Promise<{ keys: JWK[] }> {
  const since = new Date(Date.now() - RETIRED_KEY_GRACE_MS);
  const rows = await prisma.signingKey.findMany({ where: { OR: [{ retiredAt: null }, { retiredAt: { gt: since } }] }, orderBy: { createdAt: 'desc' } });
  return { keys: rows.map((row) => row.publicJwk as JWK) };
}

/** The current key, read at most once a minute: a rotation reaches every instance within that. */
export function cachedSigningKey(prisma: PrismaClient, ttlMs = 60_000): () => Promise<SigningKey> {
  let cached: { key: Promise<SigningKey>; at: number } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > ttlMs) {
      const key = currentSigningKey(prisma);
      cached = { key, at: Date.now() };
      // A failed read is not kept: the next request asks again.
      key.catch(() => (cached = null));
    }
    return cached.key;
  };
}
