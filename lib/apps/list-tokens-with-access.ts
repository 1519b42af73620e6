import { authorize } from '../authz/authorize.ts';
import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { checkToken } from '../tokens/check-token.ts';
import { resolveToken, TOKEN_RECORD_SELECT } from '../tokens/token-record.ts';
import { roleFromDb, type Role } from '../tokens/token-role.ts';
import { toAppView } from './app-view.ts';
import { findAuthorizedApp } from './find-authorized-app.ts';

export interface TokenAccess {
  id: string;
  name: string;
  labelSelector: string;
  role: Role;
  region: string;
}

export interface AppAccess {
  /** Anyone may query the app (Unsecure HTTP): tokens are not needed for it. */
  unsecureHttp: boolean;
  tokens: TokenAccess[];
}

/**
 * The tokens that let someone query this app, as the gateway decides it: each
 * token goes through `checkToken` and `authorize` itself, so this list cannot
 * disagree with the gateway. Only for a member of the app's project.
 */
export async function listTokensWithAccess({ prisma, caller, appId }: { prisma: PrismaClient; caller: Caller; appId: string }): Promise<AppAccess> {
  const app = await findAuthorizedApp(prisma, caller, appId, 'app:read');
  const tokens = await prisma.token.findMany({ where: { projectId: app.projectId }, select: TOKEN_RECORD_SELECT, orderBy: { createdAt: 'desc' } });
  // Unsecure HTTP lets everyone through on 'app:query' before any token check;
  // ask about the token's own scope instead, as if the app were secured.
  const secured = { ...toAppView(app), unsecureHttp: false };
  const now = Date.now();
  const covering = tokens.filter((record) => {
    const check = checkToken(resolveToken(record), now);
    return check.ok && authorize({ credential: check.token.credential, app: secured, action: 'app:query' }).allow;
  });
  return {
    unsecureHttp: app.unsecureHttp,
    tokens: covering.map((token) => ({ id: token.id, name: token.name, labelSelector: token.labelSelector, role: roleFromDb(token.role), region: token.region })),
  };
}
