import type { PrismaClient } from '../db/generated/client';
import { logger } from '../observability/logger.ts';

const WRITE_INTERVAL_MS = 60_000;

// Per process: when each token's lastUsedAt was last written. Shared across
// Next's bundles and the gateway through globalThis.
const holder = globalThis as typeof globalThis & { __tollgateTokenUse?: Map<string, number> };
const lastWritten = (holder.__tollgateTokenUse ??= new Map<string, number>());

/**
 * Keeps a token's "last used" fresh to the minute without a write per request:
 * at most one UPDATE per token per minute per process, never awaited by the request.
 */
export function recordTokenUse(prisma: PrismaClient, token: { id: string; lastUsedAt: Date | null }, now = Date.now()): void {
  const known = Math.max(lastWritten.get(token.id) ?? 0, token.lastUsedAt?.getTime() ?? 0);
  if (now - known < WRITE_INTERVAL_MS) return;
  lastWritten.set(token.id, now);
  prisma.token
    .updateMany({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } })
    .catch((error: unknown) => logger().warn({ component: 'tokens', tokenId: token.id, err: error }, 'could not record token use'));
}
