import type { Action } from '../authz/authorize.ts';
import { authorize } from '../authz/authorize.ts';
import type { Caller } from '../authz/caller.ts';
import { denialError } from '../authz/denial-error.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { recordId } from '../db/record-id.ts';
import { notFound } from '../errors/domain-error.ts';
import { APP_DETAIL, type AppWithDetail } from './app-dto.ts';
import { toAppView } from './app-view.ts';

/**
 * Loads an app and asks `authorize` whether the caller may do `action` on it.
 * Missing, deleted, or in a project the user doesn't belong to: not found (a
 * user learns nothing about other tenants). A token out of scope: the denial
 * with its reason, so a CLI can say which check failed.
 */
export async function findAuthorizedApp(prisma: PrismaClient, caller: Caller, appId: string, action: Action): Promise<AppWithDetail> {
  const id = recordId(appId, 'App');
  const app = await prisma.app.findUnique({ where: { id }, include: APP_DETAIL });
  if (!app || app.state === 'DELETED') throw notFound('App');
  const decision = authorize({ credential: caller.credential, app: toAppView(app), action, clientIp: caller.actor.ip ?? null });
  if (!decision.allow) throw decision.reason === 'not_member' ? notFound('App') : denialError(decision);
  return app;
}
