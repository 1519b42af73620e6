import { recordAudit } from '../audit/record-audit.ts';
import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { recordId } from '../db/record-id.ts';
import { notFound } from '../errors/domain-error.ts';
import { notifyChange, publishLocal } from '../events/change-bus.ts';
import { requireTokenAdmin } from './require-token-admin.ts';
import { tokenDto } from './token-dto.ts';
import { generateTokenSecret } from './token-format.ts';
import { hashTokenSecret } from './token-secret.ts';

/**
 * Gives a token a new secret under the same id, name and scope. The old secret
 * stops matching any row at commit, and the gate sessions opened with it go in
 * the same transaction, so neither works on the next request.
 */
export async function regenerateToken({ prisma, caller, tokenId }: { prisma: PrismaClient; caller: Caller; tokenId: string }) {
  requireTokenAdmin(caller);
  const id = recordId(tokenId, 'Token');
  const { projectId, actor } = caller;
  const secret = generateTokenSecret();
  const token = await prisma.$transaction(async (tx) => {
    const existing = await tx.token.findFirst({ where: { id, projectId }, select: { id: true } });
    if (!existing) throw notFound('Token');
    const updated = await tx.token.update({
      where: { id },
      data: { secretHash: hashTokenSecret(secret), version: { increment: 1 } },
      omit: { secretHash: true },
    });
    await tx.gateSession.deleteMany({ where: { tokenId: id } });
    await notifyChange(tx, { kind: 'token', id });
    await recordAudit(tx, { actor, projectId, action: 'token.regenerate', targetType: 'token', targetId: id, details: { version: updated.version } });
    return updated;
  });
  publishLocal({ kind: 'token', id });
  return tokenDto(token, secret);
}
