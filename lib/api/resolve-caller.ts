import 'server-only';
import type { Caller } from '../authz/caller.ts';
import { denialError } from '../authz/denial-error.ts';
import { getSession } from '../dal/current-user.ts';
import { PROJECT_COOKIE } from '../dal/project-cookie.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { DomainError } from '../errors/domain-error.ts';
import { parseBearer } from '../http/bearer.ts';
import { noteCaller } from '../observability/request-context.ts';
import { readCookie } from '../http/cookies.ts';
import { isSameOrigin } from '../http/same-origin.ts';
import { checkToken } from '../tokens/check-token.ts';
import { findTokenBySecret } from '../tokens/find-token-by-secret.ts';
import { recordTokenUse } from '../tokens/record-token-use.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request's caller: an app token (Authorization: Bearer) or a signed-in panel user. */
export async function resolveCaller(request: Request, prisma: PrismaClient): Promise<Caller> {
  const headers = request.headers;
  // server.ts replaced X-Forwarded-For with the socket's address.
  const ip = headers.get('x-forwarded-for');
  const bearer = parseBearer(headers.get('authorization'));
  if (bearer === null) throw new DomainError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"', { reason: 'no_credential' });
  if (bearer !== undefined) {
    const check = checkToken(await findTokenBySecret(prisma, bearer));
    if (!check.ok) throw denialError(check.denial);
    const { record, credential } = check.token;
    noteCaller({ kind: 'token', token: record });
    recordTokenUse(prisma, record, ip);
    return { kind: 'token', token: record, projectId: record.projectId, credential, actor: { type: 'TOKEN', id: record.id, ip } };
  }

  const userId = (await getSession())?.user.id;
  if (!userId) throw new DomainError('UNAUTHENTICATED', 'Sign in or send Authorization: Bearer <token>', { reason: 'no_credential' });
  noteCaller({ kind: 'user', userId });
  // The session cookie rides along on cross-site requests too: a state change
  // must come from a page of this very origin (CSRF).
  const sameOrigin = isSameOrigin({
    origin: headers.get('origin') ?? undefined,
    secFetchSite: headers.get('sec-fetch-site') ?? undefined,
    host: headers.get('x-forwarded-host') ?? headers.get('host') ?? undefined,
    secure: headers.get('x-forwarded-proto') === 'https',
  });
  if (UNSAFE_METHODS.has(request.method) && !sameOrigin) {
    throw new DomainError('FORBIDDEN', 'Cross-origin request refused: the Origin header must match this site', { reason: 'cross_origin' });
  }
  const memberships = await prisma.membership.findMany({ where: { userId }, select: { projectId: true }, orderBy: { createdAt: 'asc' } });
  if (memberships.length === 0) throw new DomainError('FORBIDDEN', 'You are not a member of any project', { reason: 'not_member' });
  const projectIds = new Set(memberships.map((m) => m.projectId));
  const wanted = headers.get('x-tollgate-project') ?? readCookie(headers.get('cookie'), PROJECT_COOKIE);
  const projectId = wanted && projectIds.has(wanted) ? wanted : memberships[0]!.projectId;
  return { kind: 'user', userId, projectId, credential: { kind: 'user', userId, projectIds }, actor: { type: 'USER', id: userId, ip } };
}
