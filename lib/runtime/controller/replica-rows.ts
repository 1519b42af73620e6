import type { PrismaClient } from '../../db/generated/client.ts';
import { notifyChange, publishLocal } from '../../events/change-bus.ts';
import type { ObservedApp } from '../drivers/runtime-driver.ts';

/**
 * Makes the app's AppReplica rows say which replicas answer their probe now,
 * for every instance's gateway. Only a real difference is written (and
 * announced), so a resync that finds nothing new costs one read.
 */
export async function writeReplicaRows(prisma: PrismaClient, appId: string, observed: ObservedApp | null): Promise<boolean> {
  const ready = (observed?.replicas ?? []).filter((replica) => replica.state === 'running' && replica.address !== null);
  const current = await prisma.appReplica.findMany({ where: { appId }, orderBy: { id: 'asc' } });
  const wanted = ready
    .map((replica) => ({ id: replica.id, appId, slot: replica.slot, generation: replica.generation, host: replica.address!.host, port: replica.address!.port, ready: true }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const same =
    current.length === wanted.length &&
    current.every((row, i) => {
      const want = wanted[i]!;
      return row.id === want.id && row.host === want.host && row.port === want.port && row.ready && row.generation === want.generation && row.slot === want.slot;
    });
  if (same) return false;
  await prisma.$transaction(async (tx) => {
    await tx.appReplica.deleteMany({ where: { appId, id: { notIn: wanted.map((row) => row.id) } } });
    for (const row of wanted) await tx.appReplica.upsert({ where: { id: row.id }, create: row, update: row });
    await notifyChange(tx, { kind: 'app', id: appId });
  });
  publishLocal({ kind: 'app', id: appId });
  return true;
}
