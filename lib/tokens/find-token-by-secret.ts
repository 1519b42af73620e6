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
  const record = await prisma.token.findUnique({ where: { secretHash: hashTokenSecret(secret) }, select: TOKEN_RECORD_SELECT });
  return record ? resolveToken(record) : null;
}
