import { recordAudit } from '../audit/record-audit.ts';
import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { recordId } from '../db/record-id.ts';
import { notFound } from '../errors/domain-error.ts';
import { notifyChange, publishLocal } from '../events/change-bus.ts';
import { requireTokenAdmin } from './require-token-admin.ts';
import { NO_USAGE, tokenDto } from './token-dto.ts';
import { tokenUsage } from './token-usage.ts';
import { generateTokenSecret } from './token-format.ts';
import { hashTokenSecret } from './token-secret.ts';

/**
 * Gives a token a new secret under the same id, name and scope. Without a
 * grace period the old secret stops matching any row at commit, and the gate
 * sessions opened with it go in the same transaction, so neither works on the
 * next request. With one (Cloudflare's previous_client_secret_expires_at), the
 * old secret and its sessions keep working until it ends; a second renew meanwhile
 * ends the first grace at once, so at most two secrets are ever live.
 */
export async function regenerateToken(options: { prisma: PrismaClient; caller: Caller; tokenId: string; gracePeriodSeconds?: number }) {
  const { prisma, caller, tokenId } = options;
  const grace = options.gracePeriodSeconds ?? 0;
  requireTokenAdmin(caller);
  const id = recordId(tokenId, 'Token');
  const { projectId, actor } = caller;
  const secret = generateTokenSecret();
  const token = await prisma.$transaction(async (tx) => {
    const existing = await tx.token.findFirst({ where: { id, projectId }, select: { id: true, secretHash: true, version: true } });
    if (!existing) throw notFound('Token');
    const updated = await tx.token.update({
      where: { id },
      data: {
        secretHash: hashTokenSecret(secret),
        version: { increment: 1 },
        previousSecretHash: grace > 0 ? existing.secretHash : null,
        previousSecretExpiresAt: grace > 0 ? new Date(Date.now() + grace * 1000) : null,
      },
      omit: { secretHash: true, previousSecretHash: true },
    });
    // Sessions of the secret that stays valid (the one just replaced, during a grace) are kept; all others end now.
    await tx.gateSession.deleteMany({ where: { tokenId: id, ...(grace > 0 ? { tokenVersion: { not: existing.version } } : {}) } });
    await notifyChange(tx, { kind: 'token', id });
    // With a grace period, how long the replaced secret keeps working and until when, for the activity view.
    const graceDetails = grace > 0 ? { gracePeriodSeconds: grace, previousSecretExpiresAt: updated.previousSecretExpiresAt?.toISOString() } : {};
    await recordAudit(tx, { actor, projectId, action: 'token.regenerate', targetType: 'token', targetId: id, details: { version: updated.version, ...graceDetails } });
    return updated;
  });
  publishLocal({ kind: 'token', id });
  return tokenDto({ ...token, usage: await tokenUsage(prisma, [id]).then((u) => u.get(id) ?? NO_USAGE) }, secret);
}
