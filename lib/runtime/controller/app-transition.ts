import type { AppState, Prisma, PrismaClient } from '../../db/generated/client.ts';
import { notifyChange, publishLocal } from '../../events/change-bus.ts';

export interface TransitionOptions {
  /** A reason for the history entry (and status.info when `info` is not given). */
  reason?: string | null;
  /** status.info after this step; null clears it. Defaults to `reason`. */
  info?: string | null;
  lastOutput?: string[] | null;
  /** Other columns to write in the same step (imageDigest). */
  data?: Prisma.AppUpdateInput;
  /** Record a history entry even when the state does not change (a crash, a failed rollout). */
  event?: boolean;
}

/** Writes an app's new state, its history entry and status in one step, and tells every instance. */
export async function transition(prisma: PrismaClient, appId: string, state: AppState, options: TransitionOptions = {}): Promise<void> {
  const reason = options.reason ?? null;
  await prisma.$transaction(async (tx) => {
    const current = await tx.app.findUnique({ where: { id: appId }, select: { state: true } });
    if (!current) return;
    const recordEvent = options.event === true || current.state !== state;
    await tx.app.update({
      where: { id: appId },
      data: {
        state,
        statusInfo: options.info === undefined ? reason : options.info,
        ...(options.lastOutput === undefined ? {} : { lastOutput: options.lastOutput ?? [] }),
        ...options.data,
        ...(recordEvent ? { events: { create: { state, reason } } } : {}),
      },
    });
    await notifyChange(tx, { kind: 'app', id: appId });
  });
  publishLocal({ kind: 'app', id: appId });
}

/** status.info alone (progress lines while pulling or rolling out), with no history entry. */
export async function setStatusInfo(prisma: PrismaClient, appId: string, info: string | null): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.app.updateMany({ where: { id: appId }, data: { statusInfo: info } });
    await notifyChange(tx, { kind: 'app', id: appId });
  });
  publishLocal({ kind: 'app', id: appId });
}
