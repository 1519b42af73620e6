import 'server-only';
import { getServerSession } from 'next-auth';
import type { PrismaClient } from '../db/generated/client';
import type { TokenCredential, UserCredential } from '../authz/authorize';
import type { Actor } from '../audit/record-audit';
import { authOptions } from '../auth/auth-options';
import { PROJECT_COOKIE } from '../dal/current-user';
import { findTokenBySecret, type TokenRecord } from '../tokens/find-token-by-secret';
import { recordTokenUse } from '../tokens/record-token-use';
import { ApiError } from './api-error';

export type Caller =
  | { kind: 'user'; userId: string; projectId: string; credential: UserCredential; actor: Actor }
  | { kind: 'token'; token: TokenRecord; projectId: string; credential: TokenCredential; actor: Actor };

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function unauthenticated(message = 'Sign in or send Authorization: Bearer <token>'): ApiError {
  return new ApiError(401, 'unauthenticated', message, undefined, { 'www-authenticate': 'Bearer realm="tollgate"' });
}

/** Who is calling: an app token (Authorization: Bearer) or a signed-in panel user. */
export async function resolveCaller(request: Request, prisma: PrismaClient): Promise<Caller> {
  const ip = request.headers.get('x-forwarded-for') ?? null;
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
    const resolved = await findTokenBySecret(prisma, match[1]!);
    if (!resolved) throw new ApiError(401, 'unauthenticated', 'Invalid token', undefined, {
      'www-authenticate': 'Bearer realm="tollgate", error="invalid_token"',
    });
    const { record, credential } = resolved;
    if (record.expiresAt && record.expiresAt.getTime() <= Date.now()) {
      throw new ApiError(401, 'unauthenticated', 'The token has expired', undefined, {
        'www-authenticate': 'Bearer realm="tollgate", error="invalid_token"',
      });
    }
    recordTokenUse(prisma, record);
    return {
      kind: 'token',
      token: record,
      projectId: record.projectId,
      credential,
      actor: { type: 'TOKEN', id: record.id, ip },
    };
  }

  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) throw unauthenticated();
  // The session cookie rides along on cross-site requests too: a state change
  // must come from a page of this very origin (CSRF).
  if (UNSAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
    throw new ApiError(403, 'forbidden', 'Cross-origin request refused: the Origin header must match this site');
  }
  const memberships = await prisma.membership.findMany({ where: { userId }, select: { projectId: true }, orderBy: { createdAt: 'asc' } });
  if (memberships.length === 0) throw new ApiError(403, 'forbidden', 'You are not a member of any project');
  const projectIds = new Set(memberships.map((m) => m.projectId));
  const wanted = request.headers.get('x-tollgate-project') ?? readCookie(request, PROJECT_COOKIE);
  const projectId = wanted && projectIds.has(wanted) ? wanted : memberships[0]!.projectId;
  return {
    kind: 'user',
    userId,
    projectId,
    credential: { kind: 'user', userId, projectIds },
    actor: { type: 'USER', id: userId, ip },
  };
}

function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  const proto = request.headers.get('x-forwarded-proto') ?? 'http';
  return origin !== null && host !== null && origin === `${proto}://${host}`;
}

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
