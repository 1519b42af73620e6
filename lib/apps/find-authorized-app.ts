import type { PrismaClient } from '../db/generated/client';
import { authorize, type Action, type AuthCredential } from '../authz/authorize';
import { ApiError, notFound } from '../api/api-error';
import { toAppView } from './app-view';

/**
 * Loads an app and asks `authorize` whether the credential may do `action` on it.
 * Missing, deleted, or in a project the user doesn't belong to: 404 (a user
 * learns nothing about other tenants). A token out of scope: the denial's own
 * status and reason, so a CLI can say which check failed.
 */
export async function findAuthorizedApp(prisma: PrismaClient, credential: AuthCredential, appId: string, action: Action) {
  const app = await prisma.app.findUnique({ where: { id: appId }, include: { events: { orderBy: { createdAt: 'asc' } } } });
  if (!app || app.state === 'DELETED') throw notFound('App');
  const decision = authorize({ credential, app: toAppView(app), action });
  if (!decision.allow) {
    if (decision.reason === 'not_member') throw notFound('App');
    throw new ApiError(decision.status, decision.status === 401 ? 'unauthenticated' : 'forbidden', decision.message, {
      reason: decision.reason,
    });
  }
  return app;
}
