import { recordAudit } from '../audit/record-audit.ts';
import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { DomainError } from '../errors/domain-error.ts';
import { notifyChange, publishLocal } from '../events/change-bus.ts';
import { APP_DETAIL, appDto } from './app-dto.ts';
import { mergeRuntimeFields, readRuntimeFields, runtimeColumns, sameRuntime } from './app-runtime-fields.ts';
import type { AppUpdate } from './app-spec.ts';
import { findAuthorizedApp } from './find-authorized-app.ts';

/**
 * Changes what an app runs (image, command, env vars, port, probe, resources).
 * A change bumps the app's generation; a running app then gets a rolling
 * update: new replicas start and pass their probe before old ones stop.
 * `allowPanelUsers` is an access setting: it takes effect at once, with no
 * rollout.
 * Env var values are audited by name only.
 */
export async function updateApp(options: { prisma: PrismaClient; caller: Caller; appId: string; update: AppUpdate }) {
  const { prisma, caller, update } = options;
  const { id, projectId } = await findAuthorizedApp(prisma, caller, options.appId, 'app:manage');
  const { app, changed } = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "App" WHERE "id" = ${id}::uuid FOR UPDATE`;
    const current = await tx.app.findUniqueOrThrow({ where: { id } });
    if (current.desiredState === 'DELETED') throw new DomainError('CONFLICT', 'The app is being deleted', { reason: 'deleting' });
    const before = readRuntimeFields(current);
    const { allowPanelUsers, ...runtimeUpdate } = update;
    const merged = mergeRuntimeFields(before, runtimeUpdate);
    if ('problem' in merged) throw new DomainError('INVALID', merged.problem, { reason: 'invalid_spec', path: merged.path });
    const access = allowPanelUsers !== undefined && allowPanelUsers !== current.allowPanelUsers ? { allowPanelUsers } : {};
    const rollout = !sameRuntime(before, merged);
    if (!rollout && !('allowPanelUsers' in access)) return { app: await tx.app.findUniqueOrThrow({ where: { id }, include: APP_DETAIL }), changed: false };
    const app = await tx.app.update({
      where: { id },
      data: rollout ? { ...access, ...runtimeColumns(merged), generation: { increment: 1 } } : access,
      include: APP_DETAIL,
    });
    await recordAudit(tx, {
      actor: caller.actor,
      projectId,
      action: 'app.update',
      targetType: 'app',
      targetId: id,
      details: { generation: app.generation, fields: Object.keys(update), image: merged.image, envVars: merged.envVars.map((env) => env.name) },
    });
    await notifyChange(tx, { kind: 'app', id });
    return { app, changed: true };
  });
  // The runtime controller rolls it out on this announcement.
  if (changed) publishLocal({ kind: 'app', id });
  return appDto(app);
}
