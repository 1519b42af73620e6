import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cookies } from 'next/headers';
import { authOptions } from '../auth/auth-options.ts';
import { getPrisma } from '../db/db.ts';

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

export const PROJECT_COOKIE = 'tg_project';

/** The request's decoded session (or null), decoded once per request. */
export const getSession = cache(() => getServerSession(authOptions));

/** The signed-in user, re-read from the database (a deleted user is signed out), or null. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getSession();
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
  return user;
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
