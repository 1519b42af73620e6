import type { PrismaClient } from '../db/generated/client.ts';

export interface TokenUsageSummary {
  /** Requests in the last 24 hours (whole hours: up to an hour more). */
  requests24h: number;
}

/** What the usage counters say of these tokens. */
export async function tokenUsage(prisma: PrismaClient, tokenIds: string[]): Promise<Map<string, TokenUsageSummary>> {
  if (tokenIds.length === 0) return new Map();
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
  since.setUTCMinutes(0, 0, 0);
  const rows = await prisma.tokenUsage.groupBy({ by: ['tokenId'], where: { tokenId: { in: tokenIds }, hour: { gte: since } }, _sum: { requests: true } });
  return new Map(rows.map((row) => [row.tokenId, { requests24h: row._sum.requests ?? 0 }]));
}
