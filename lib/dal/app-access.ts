import 'server-only';
import { authorize } from '../authz/authorize.ts';
import { toAppView } from '../apps/app-view.ts';
import { getPrisma } from '../db/db.ts';
import { TOKEN_RECORD_SELECT, toTokenCredential } from '../tokens/find-token-by-secret.ts';
import { getCurrentUser } from './current-user.ts';

export interface TokenAccess {
  id: string;
  name: string;
  labelSelector: string;
  role: 'read' | 'operator';
  region: string;
}

export interface AppAccess {
  /** Anyone may query the app (Unsecure HTTP): tokens are not needed for it. */
  unsecureHttp: boolean;
  tokens: TokenAccess[];
}

/**
 * The tokens that let someone query this app, as the gateway decides it: each
 * token is put to `authorize` itself, so this list cannot disagree with the
 * gateway. Null when the app does not exist or the user is not a member of its
 * project (the page then answers 404 and learns nothing).
 */
export async function listTokensWithAccess(appId: string): Promise<AppAccess | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  const prisma = await getPrisma();
  const app = await prisma.app.findUnique({ where: { id: appId } });
  if (!app || app.state === 'DELETED') return null;
  const memberships = await prisma.membership.findMany({ where: { userId: user.id }, select: { projectId: true } });
  const view = toAppView(app);
  const member = authorize({
    credential: { kind: 'user', userId: user.id, projectIds: new Set(memberships.map((m) => m.projectId)) },
    app: view,
    action: 'app:read',
  });
  if (!member.allow) return null;

  const tokens = await prisma.token.findMany({
    where: { projectId: app.projectId },
    select: TOKEN_RECORD_SELECT,
    orderBy: { createdAt: 'desc' },
  });
  // Unsecure HTTP lets everyone through on 'app:query' before any token check;
  // ask about the token's own scope instead, as if the app were secured.
  const secured = { ...view, unsecureHttp: false };
  const covering = tokens.filter((token) => authorize({ credential: toTokenCredential(token), app: secured, action: 'app:query' }).allow);
  return {
    unsecureHttp: app.unsecureHttp,
    tokens: covering.map((token) => ({
      id: token.id,
      name: token.name,
      labelSelector: token.labelSelector,
      role: token.role === 'OPERATOR' ? 'operator' : 'read',
      region: token.region,
    })),
  };
}
