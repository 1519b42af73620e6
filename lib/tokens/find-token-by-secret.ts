import type { PrismaClient } from '../db/generated/client';
import type { TokenCredential } from '../authz/authorize';
import { parseSelector } from '../labels/parse-selector';
import { hasValidChecksum } from './token-format';
import { hashTokenSecret } from './token-secret';

export interface TokenRecord {
  id: string;
  projectId: string;
  name: string;
  labelSelector: string;
  role: 'READ' | 'OPERATOR';
  region: string;
  version: number;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

export interface ResolvedToken {
  record: TokenRecord;
  credential: TokenCredential;
}

export const TOKEN_RECORD_SELECT = {
  id: true,
  projectId: true,
  name: true,
  labelSelector: true,
  role: true,
  region: true,
  version: true,
  expiresAt: true,
  lastUsedAt: true,
} as const;

/** The credential a token record grants (the selector parsed once here, not per check). */
export function toTokenCredential(record: TokenRecord): TokenCredential {
  return {
    kind: 'token',
    tokenId: record.id,
    projectId: record.projectId,
    region: record.region,
    role: record.role === 'OPERATOR' ? 'operator' : 'read',
    selector: parseSelector(record.labelSelector),
    expiresAt: record.expiresAt,
  };
}

/**
 * The token a secret belongs to, or null. A malformed or forged secret (bad
 * checksum) is refused before any database query, so random guesses cost the
 * database nothing.
 */
export async function findTokenBySecret(prisma: PrismaClient, secret: string): Promise<ResolvedToken | null> {
  if (!hasValidChecksum(secret)) return null;
  const record = await prisma.token.findUnique({
    where: { secretHash: hashTokenSecret(secret) },
    select: TOKEN_RECORD_SELECT,
  });
  return record ? { record, credential: toTokenCredential(record) } : null;
}
