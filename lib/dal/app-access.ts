import 'server-only';
import { listTokensWithAccess, type AppAccess } from '../apps/list-tokens-with-access.ts';
import { getPrisma } from '../db/db.ts';
import { DomainError } from '../errors/domain-error.ts';
import { getPanelCaller } from './current-user.ts';

/** "Tokens with access" for the app's page; null when the app is not one the user may see (the page answers 404). */
export async function getAppAccess(appId: string): Promise<AppAccess | null> {
  const { user, credential, actor, projectId } = await getPanelCaller(`/apps/${encodeURIComponent(appId)}`);
  if (projectId === null) return null;
  try {
    const caller = { kind: 'user', userId: user.id, projectId, credential, actor } as const;
    return await listTokensWithAccess({ prisma: await getPrisma(), caller, appId });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
