import { recordAudit } from '../audit/record-audit.ts';
import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { DomainError } from '../errors/domain-error.ts';
import { notifyChange, publishLocal } from '../events/change-bus.ts';
import { APP_DETAIL, appDto } from './app-dto.ts';
import type { scalingStrategySchema } from './app-spec.ts';
import { findAuthorizedApp } from './find-authorized-app.ts';
import type { z } from 'zod';

/**
 * Sets how many replicas an app runs (OVHcloud's PUT /app/{id}/scalingstrategy).
 * A running app scales live: new replicas join the gateway's rotation once
 * they pass their probe; removed ones leave it before they stop.
 */
export async function scaleApp(options: { prisma: PrismaClient; caller: Caller; appId: string; strategy: z.output<typeof scalingStrategySchema> }) {
  const { prisma, caller } = options;
  const replicas = options.strategy.fixed.replicas;
  const { id, projectId } = await findAuthorizedApp(prisma, caller, options.appId, 'app:manage');
  const app = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "App" WHERE "id" = ${id}::uuid FOR UPDATE`;
    const current = await tx.app.findUniqueOrThrow({ where: { id } });
    if (current.desiredState === 'DELETED') throw new DomainError('CONFLICT', 'The app is being deleted', { reason: 'deleting' });
    if (current.upstreamUrl !== null && replicas !== 1) {
      throw new DomainError('INVALID', 'replicas does not apply to an app that runs elsewhere (upstreamUrl)', { reason: 'invalid_spec', path: 'fixed.replicas' });
    }
    if (current.replicas === replicas) return tx.app.findUniqueOrThrow({ where: { id }, include: APP_DETAIL });
    const app = await tx.app.update({ where: { id }, data: { replicas }, include: APP_DETAIL });
    await recordAudit(tx, { actor: caller.actor, projectId, action: 'app.scale', targetType: 'app', targetId: id, details: { from: current.replicas, to: replicas } });
    await notifyChange(tx, { kind: 'app', id });
    return app;
  });
  // The runtime controller scales it on this announcement.
  publishLocal({ kind: 'app', id });
  return appDto(app);
}
