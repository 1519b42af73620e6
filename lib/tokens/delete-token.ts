import type { PrismaClient } from '../db/generated/client';
import { recordAudit, type Actor } from '../audit/record-audit';
import { notFound } from '../api/api-error';
import { notifyChange, publishLocal } from '../events/change-bus';

export interface DeleteTokenOptions {
  prisma: PrismaClient;
  projectId: string;
  tokenId: string;
  actor: Actor;
}

/** Deletes a token; its gate sessions go with it (cascade), so it stops working on the next request. */
export async function deleteToken({ prisma, projectId, tokenId, actor }: DeleteTokenOptions): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.token.deleteMany({ where: { id: tokenId, projectId } });
    if (count === 0) throw notFound('Token');
    await notifyChange(tx, { kind: 'token', id: tokenId });
    await recordAudit(tx, { actor, projectId, action: 'token.delete', targetType: 'token', targetId: tokenId });
  });
  publishLocal({ kind: 'token', id: tokenId });
}
