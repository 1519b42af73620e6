import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import type { AuthCredential } from '../authz/authorize';
import type { Actor } from '../audit/record-audit';
import { ApiError } from '../api/api-error';
import { getAppController } from '../runtime/app-controller';
import { findAuthorizedApp } from './find-authorized-app';

/** Start, stop or delete an app the credential may manage; answers with the app as it now is. */
export async function requestAppState(options: {
  prisma: PrismaClient;
  credential: AuthCredential;
  actor: Actor;
  appId: string;
  desired: 'RUNNING' | 'STOPPED' | 'DELETED';
}) {
  const { prisma, credential, actor, appId, desired } = options;
  await findAuthorizedApp(prisma, credential, appId, 'app:manage');
  const controller = getAppController();
  if (!controller) throw new ApiError(501, 'not_implemented', 'Runtime not available in this process');
  await controller.request(appId, desired, actor);
  return prisma.app.findUniqueOrThrow({ where: { id: appId }, include: { events: { orderBy: { createdAt: 'asc' } } } });
}
