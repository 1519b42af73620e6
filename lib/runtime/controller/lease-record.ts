import type { PrismaClient } from '../../db/generated/client.ts';

/** Says, for the panel, that `instance` now runs the controller. */
export async function recordLeadership(prisma: PrismaClient, instance: string, runtime: string): Promise<void> {
  const now = new Date();
  await prisma.controllerLease.upsert({
    where: { id: 1 },
    create: { id: 1, instance, runtime, since: now, heartbeatAt: now },
    update: { instance, runtime, since: now, heartbeatAt: now },
  });
}

/** Keeps the record fresh while leading, so a stale one can be told apart. */
export async function renewLeadership(prisma: PrismaClient, instance: string): Promise<void> {
  await prisma.controllerLease.updateMany({ where: { id: 1, instance }, data: { heartbeatAt: new Date() } });
}
