import type { PrismaClient } from '../db/generated/client.ts';
import { hasValidChecksum } from './token-format.ts';
import { resolveToken, TOKEN_RECORD_SELECT, type ResolvedToken } from './token-record.ts';
import { hashTokenSecret } from './token-secret.ts';

/**
 * The token a secret belongs to, or null. A malformed or forged secret (bad
 * checksum) is refused before any database query, so random guesses cost the
 * database nothing.
 */
export async function findTokenBySecret(prisma: PrismaClient, secret: string): Promise<ResolvedToken | null> {
  if (!hasValidChecksum(secret)) return null;
  return findTokenByHash(prisma, hashTokenSecret(secret));
}

/**
 * The token a secret's hash belongs to: its current secret, or the one it had
 * before a renew with a grace period (checkToken says whether that still holds).
 */
export async function findTokenByHash(prisma: PrismaClient, secretHash: string): Promise<ResolvedToken | null> {
  const current = await prisma.token.findUnique({ where: { secretHash }, select: TOKEN_RECORD_SELECT });
  if (current) return resolveToken(current);
  const previous = await prisma.token.findUnique({ where: { previousSecretHash: secretHash }, select: TOKEN_RECORD_SELECT });
  return previous ? resolveToken(previous, true) : null;
}
