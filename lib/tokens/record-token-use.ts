import type { PrismaClient } from '../db/generated/client.ts';
import { logger } from '../observability/logger.ts';

const FLUSH_MS = 10_000;

interface Pending {
  requests: number;
  lastUsedAt: number;
  lastUsedIp: string | null;
}

/**
 * Token use, counted in memory and written now and then: each flush adds the
 * requests to the token's hourly counter and sets its "last used" time and
 * address, one write per token used, whatever the traffic. The gateway's hot
 * path only bumps a number.
 */
export class TokenUseCounter {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly flushMs = FLUSH_MS,
    private readonly now: () => number = Date.now,
  ) {}

  record(tokenId: string, ip: string | null): void {
    const entry = this.pending.get(tokenId);
    if (entry) {
      entry.requests++;
      entry.lastUsedAt = this.now();
      if (ip) entry.lastUsedIp = ip;
    } else {
      this.pending.set(tokenId, { requests: 1, lastUsedAt: this.now(), lastUsedIp: ip });
    }
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  /** Writes what was counted (also at shutdown). A failed write is logged and its counts dropped: usage is a courtesy, not a bill. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    for (const [tokenId, entry] of batch) {
      const hour = new Date(entry.lastUsedAt);
      hour.setUTCMinutes(0, 0, 0);
      try {
        await this.prisma.$transaction([
          this.prisma.tokenUsage.upsert({
            where: { tokenId_hour: { tokenId, hour } },
            create: { tokenId, hour, requests: entry.requests },
            update: { requests: { increment: entry.requests } },
          }),
          this.prisma.token.updateMany({ where: { id: tokenId }, data: { lastUsedAt: new Date(entry.lastUsedAt), ...(entry.lastUsedIp ? { lastUsedIp: entry.lastUsedIp } : {}) } }),
        ]);
      } catch (error) {
        // A deleted token's counts have nowhere to go; anything else is worth a line.
        if (!String(error).includes('Foreign key')) logger().warn({ component: 'tokens', tokenId, err: error }, 'could not record token use');
      }
    }
  }
}

// One counter per process, shared by Next's bundles and the gateway through globalThis.
const holder = globalThis as typeof globalThis & { __tollgateTokenUse?: TokenUseCounter };

export function tokenUseCounter(prisma: PrismaClient): TokenUseCounter {
  holder.__tollgateTokenUse ??= new TokenUseCounter(prisma);
  return holder.__tollgateTokenUse;
}

/** Counts one use of a token, from `ip`. */
export function recordTokenUse(prisma: PrismaClient, token: { id: string }, ip: string | null = null): void {
  tokenUseCounter(prisma).record(token.id, ip);
}
