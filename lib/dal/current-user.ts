import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { cookies, headers } from 'next/headers';
import { getServerSession } from 'next-auth';
import { authOptions } from '../auth/auth-options.ts';
import type { Actor } from '../audit/record-audit.ts';
import type { UserCredential } from '../authz/authorize.ts';
import { getPrisma } from '../db/db.ts';
import { PROJECT_COOKIE } from './project-cookie.ts';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
}

export interface ProjectSummary {
  id: string;
  slug: string;
  name: string;
  role: 'OWNER' | 'MEMBER';
}

/** The request's decoded session (or null), decoded once per request. */
export const getSession = cache(() => getServerSession(authOptions));

/** The signed-in user, re-read from the database (a deleted user is signed out), or null. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const id = (await getSession())?.user.id;
  if (!id) return null;
  const prisma = await getPrisma();
  return prisma.user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
});

/**
 * For panel pages: the signed-in user, or a redirect to sign-in that comes
 * back to `returnTo` (a path of this panel) afterwards.
 */
export async function requireUser(returnTo?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : '/signin');
  return user;
}

/** The projects the user belongs to, and the one the panel shows (cookie choice if still a member). */
export const getProjectContext = cache(async (userId: string) => {
  const prisma = await getPrisma();
  const memberships = await prisma.membership.findMany({
    where: { userId },
    include: { project: { select: { id: true, slug: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const projects: ProjectSummary[] = memberships.map((m) => ({ ...m.project, role: m.role }));
  const chosen = (await cookies()).get(PROJECT_COOKIE)?.value;
  const current = projects.find((p) => p.id === chosen) ?? projects[0] ?? null;
  return { projects, current };
});

/** The signed-in user as the caller of a domain verb, in the project the panel shows (null: no project yet). */
export async function getPanelCaller(returnTo?: string) {
  const user = await requireUser(returnTo);
  const { projects, current } = await getProjectContext(user.id);
  const credential: UserCredential = { kind: 'user', userId: user.id, projectIds: new Set(projects.map((p) => p.id)) };
  // server.ts replaced X-Forwarded-For with the socket's address.
  const actor: Actor = { type: 'USER', id: user.id, ip: (await headers()).get('x-forwarded-for') };
  return { user, credential, actor, projectId: current?.id ?? null };
}
