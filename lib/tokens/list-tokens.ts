import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { requireTokenAdmin } from './require-token-admin.ts';
import { NO_USAGE, tokenDto } from './token-dto.ts';
import { tokenUsage } from './token-usage.ts';

/** The project's tokens, newest first, one page of them, with the total. */
export async function listTokens({ prisma, caller, page, size }: { prisma: PrismaClient; caller: Caller; page: number; size: number }) {
  requireTokenAdmin(caller);
  const where = { projectId: caller.projectId };
  const [tokens, total] = await Promise.all([
    prisma.token.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: page * size, take: size, omit: { secretHash: true, previousSecretHash: true } }),
    prisma.token.count({ where }),
  ]);
  const usage = await tokenUsage(prisma, tokens.map((token) => token.id));
  return { total, items: tokens.map((token) => tokenDto({ ...token, usage: usage.get(token.id) ?? NO_USAGE })) };
}
