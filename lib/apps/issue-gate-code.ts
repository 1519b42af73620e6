import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { DomainError } from '../errors/domain-error.ts';
import { GATE_CODE_TTL_MS, newGateCode } from '../gateway/gate-cookie.ts';
import { safeRedirectPath } from '../gateway/safe-redirect.ts';
import { appUrl } from './app-host.ts';
import { findAuthorizedApp } from './find-authorized-app.ts';

/**
 * Sign in with Tollgate: where to send a panel user's browser so that it opens
 * the app signed in as them. The answer is the app host's callback with a
 * one-time code (60 s, bound to this app, its host and the user); the gateway
 * takes it, checks the membership again, and opens a gate session. Only the
 * code's hash is stored. `next` is a path on the app (anything else: `/`).
 * An app open to anyone needs no code: its URL is the answer.
 */
export async function issueGateCode(options: { prisma: PrismaClient; caller: Caller; appId: string; next?: string | null; panelOrigin: string }): Promise<string> {
  const { prisma, caller } = options;
  if (caller.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only panel users sign in to apps this way; send the token instead', { reason: 'token_not_allowed' });
  const app = await findAuthorizedApp(prisma, caller, options.appId, 'app:query');
  const next = safeRedirectPath(options.next) ?? '/';
  const url = appUrl({ appId: app.id, region: app.region, panelOrigin: options.panelOrigin });
  if (app.unsecureHttp) return new URL(next, url).href;
  const { code, codeHash } = newGateCode();
  const now = Date.now();
  await prisma.$transaction([
    // Codes nobody used are swept as new ones are issued: the table stays small.
    prisma.gateAuthCode.deleteMany({ where: { expiresAt: { lt: new Date(now) } } }),
    prisma.gateAuthCode.create({
      data: { codeHash, appId: app.id, userId: caller.userId, host: new URL(url).host, next, expiresAt: new Date(now + GATE_CODE_TTL_MS) },
    }),
  ]);
  return `${url}__tollgate/callback?code=${code}`;
}
