import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { requireAccountUser } from '../projects/account-caller.ts';
import { instanceNameOfThisProcess, runtimeNameOfThisProcess } from './runtime-identity.ts';

/** A leader that has not renewed its record for this long is probably gone (a successor takes over within seconds). */
const STALE_MS = 20_000;

/** Which runtime this Tollgate uses and which instance runs the app controller, since when. For signed-in users. */
export async function getRuntimeStatus({ prisma, caller }: { prisma: PrismaClient; caller: Pick<Caller, 'credential' | 'actor'> }) {
  requireAccountUser(caller);
  const lease = await prisma.controllerLease.findUnique({ where: { id: 1 } });
  const instance = instanceNameOfThisProcess();
  return {
    runtime: runtimeNameOfThisProcess(),
    instance,
    leader: lease
      ? {
          instance: lease.instance,
          since: lease.since.toISOString(),
          heartbeatAt: lease.heartbeatAt.toISOString(),
          isThisInstance: lease.instance === instance,
          stale: Date.now() - lease.heartbeatAt.getTime() > STALE_MS,
        }
      : null,
  };
}

export type RuntimeStatus = Awaited<ReturnType<typeof getRuntimeStatus>>;
