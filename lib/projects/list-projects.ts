import type { PrismaClient } from '../db/generated/client.ts';
import { requireAccountUser, type AccountCaller } from './account-caller.ts';
import { projectDto } from './project-dto.ts';

/** The projects the signed-in caller belongs to, oldest first. */
export async function listProjects({ prisma, caller }: { prisma: PrismaClient; caller: AccountCaller }) {
  const userId = requireAccountUser(caller);
  const projects = await prisma.project.findMany({ where: { memberships: { some: { userId } } }, orderBy: { createdAt: 'asc' } });
  return projects.map(projectDto);
}
