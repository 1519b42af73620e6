import type { PrismaClient } from '../db/generated/client';
import { recordAudit, type Actor } from '../audit/record-audit';
import { notFound } from '../api/api-error';
import { notifyChange, publishLocal } from '../events/change-bus';
import { generateTokenSecret } from './token-format';
import { hashTokenSecret } from './token-secret';

export interface RegenerateTokenOptions {
  prisma: PrismaClient;
  projectId: string;
  tokenId: string;
  actor: Actor;
}

/**
 * Gives a token a new secret under the same id, name and scope. The old secret
 * stops matching any row at commit, and the gate sessions opened with it go in
 * the same transaction, so neither works on the next request.
 */
export async function regenerateToken({ prisma, projectId, tokenId, actor }: RegenerateTokenOptions) {
  const secret = generateTokenSecret();
  const token = await prisma.$transaction(async (tx) => {
    const existing = await tx.token.findFirst({ where: { id: tokenId, projectId }, select: { id: true } });
    if (!existing) throw notFound('Token');
    const updated = await tx.token.update({
      where: { id: tokenId },
      data: { secretHash: hashTokenSecret(secret), version: { increment: 1 } },
      omit: { secretHash: true },
    });
    await tx.gateSession.deleteMany({ where: { tokenId } });
    await notifyChange(tx, { kind: 'token', id: tokenId });
    await recordAudit(tx, {
      actor,
      projectId,
      action: 'token.regenerate',
      targetType: 'token',
      targetId: tokenId,
      details: { version: updated.version },
    });
    return updated;
  });
  publishLocal({ kind: 'token', id: tokenId });
  return { token, secret };
}
