import 'server-only';
import { findAuthorizedApp } from '../apps/find-authorized-app.ts';
import { getPrisma } from '../db/db.ts';
import { getCurrentUser, getPanelCaller } from '../dal/current-user.ts';

/**
 * The app's name for its pages' <title> ("hello-world · Tollgate"), or null
 * when it is not one the signed-in user may see: then the page keeps a
 * generic title and its own check answers (sign-in, 404).
 */
export async function appNameForTitle(appId: string): Promise<string | null> {
  // Signed out: no redirect from metadata; the page itself redirects.
  if (!(await getCurrentUser())) return null;
  try {
    const { user, credential, actor, projectId } = await getPanelCaller();
    if (projectId === null) return null;
    const app = await findAuthorizedApp(await getPrisma(), { kind: 'user', userId: user.id, projectId, credential, actor }, appId, 'app:read');
    return app.name;
  } catch {
    return null;
  }
}
