import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { appDto } from './app-dto.ts';
import { findAuthorizedApp } from './find-authorized-app.ts';

/** One app the caller may read (a read token matching it, or a member of its project). */
export async function getApp({ prisma, caller, appId }: { prisma: PrismaClient; caller: Caller; appId: string }) {
  const app = await findAuthorizedApp(prisma, caller, appId, 'app:read');
  return appDto(app);
}
