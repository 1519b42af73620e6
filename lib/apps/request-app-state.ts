import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { DomainError } from '../errors/domain-error.ts';
import { getAppController } from '../runtime/app-controller.ts';
import { APP_DETAIL, appDto } from './app-dto.ts';
import { findAuthorizedApp } from './find-authorized-app.ts';

export type RequestedState = 'RUNNING' | 'STOPPED' | 'DELETED';

/** Start, stop or delete an app the caller may manage; answers with the app as it now is. */
export async function requestAppState(options: { prisma: PrismaClient; caller: Caller; appId: string; desired: RequestedState }) {
  const { prisma, caller, desired } = options;
  const { id } = await findAuthorizedApp(prisma, caller, options.appId, 'app:manage');
  const controller = getAppController();
  if (!controller) throw new DomainError('UNAVAILABLE', 'The runtime is not available in this process');
  await controller.request(id, desired, caller.actor);
  return appDto(await prisma.app.findUniqueOrThrow({ where: { id }, include: APP_DETAIL }));
}
