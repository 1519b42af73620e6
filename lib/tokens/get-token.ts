import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { recordId } from '../db/record-id.ts';
import { notFound } from '../errors/domain-error.ts';
import { requireTokenAdmin } from './require-token-admin.ts';
import { NO_USAGE, tokenDto } from './token-dto.ts';
import { tokenUsage } from './token-usage.ts';

/** One token of the caller's project (never its secret). */
export async function getToken({ prisma, caller, tokenId }: { prisma: PrismaClient; caller: Caller; tokenId: string }) {
  requireTokenAdmin(caller);
  const token = await prisma.token.findFirst({ where: { id: recordId(tokenId, 'Token'), projectId: caller.projectId }, omit: { secretHash: true, previousSecretHash: true } });
  if (!token) throw notFound('Token');
  const usage = await tokenUsage(prisma, [token.id]);
  return tokenDto({ ...token, usage: usage.get(token.id) ?? NO_USAGE });
}
