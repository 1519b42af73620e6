import { recordAudit } from '../audit/record-audit.ts';
import type { Caller } from '../authz/caller.ts';
import type { AppState, PrismaClient } from '../db/generated/client.ts';
import { DomainError } from '../errors/domain-error.ts';
import { notifyChange, publishLocal } from '../events/change-bus.ts';
import { APP_DETAIL, appDto } from './app-dto.ts';
import { findAuthorizedApp } from './find-authorized-app.ts';

export type RequestedState = 'RUNNING' | 'STOPPED' | 'DELETED';

const STEP: Record<RequestedState, AppState> = { RUNNING: 'INITIALIZING', STOPPED: 'STOPPING', DELETED: 'DELETING' };
const AUDIT_ACTION: Record<RequestedState, string> = { RUNNING: 'app.start', STOPPED: 'app.stop', DELETED: 'app.delete' };

/**
 * Start, stop or delete an app the caller may manage. The request is recorded
 * (desired state, the step it enters, history, audit) and announced; the
 * runtime controller, on whichever instance leads, carries it out.
 */
export async function requestAppState(options: { prisma: PrismaClient; caller: Caller; appId: string; desired: RequestedState }) {
  const { prisma, caller, desired } = options;
  const { id, projectId } = await findAuthorizedApp(prisma, caller, options.appId, 'app:manage');
  const app = await prisma.$transaction(async (tx) => {
    // Row lock: concurrent requests for one app queue here instead of interleaving.
    await tx.$queryRaw`SELECT 1 FROM "App" WHERE "id" = ${id}::uuid FOR UPDATE`;
    const current = await tx.app.findUniqueOrThrow({ where: { id } });
    // Deletion is final: a start racing it must not bring the app back.
    if (current.desiredState === 'DELETED') throw new DomainError('CONFLICT', 'The app is being deleted', { reason: 'deleting' });
    const settled = (desired === 'RUNNING' && (current.state === 'RUNNING' || current.state === 'SCALING')) || (desired === 'STOPPED' && current.state === 'STOPPED');
    const app = await tx.app.update({
      where: { id },
      data: { desiredState: desired, ...(settled ? {} : { state: STEP[desired], statusInfo: null, events: { create: { state: STEP[desired] } } }) },
      include: APP_DETAIL,
    });
    await recordAudit(tx, { actor: caller.actor, projectId, action: AUDIT_ACTION[desired], targetType: 'app', targetId: id });
    await notifyChange(tx, { kind: 'app', id });
    return app;
  });
  publishLocal({ kind: 'app', id });
  return appDto(app);
}
