import { recordAudit } from '../audit/record-audit.ts';
import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { recordId } from '../db/record-id.ts';
import { notFound } from '../errors/domain-error.ts';
import { notifyChange, publishLocal } from '../events/change-bus.ts';
import { requireTokenAdmin } from './require-token-admin.ts';

/** Deletes a token; its gate sessions go with it (cascade), so it stops working on the next request. */
export async function deleteToken({ prisma, caller, tokenId }: { prisma: PrismaClient; caller: Caller; tokenId: string }): Promise<void> {
  requireTokenAdmin(caller);
  const id = recordId(tokenId, 'Token');
  const { projectId, actor } = caller;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.token.deleteMany({ where: { id, projectId } });
    if (count === 0) throw notFound('Token');
    await notifyChange(tx, { kind: 'token', id });
    await recordAudit(tx, { actor, projectId, action: 'token.delete', targetType: 'token', targetId: id });
  });
  publishLocal({ kind: 'token', id });
}
