import { z } from 'zod';
import type { PrismaClient } from '../db/generated/client';
import { recordAudit, type Actor } from '../audit/record-audit';
import { ApiError } from '../api/api-error';
import { isUniqueViolation } from '../db/is-unique-violation';

export const projectSpecSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name is required')
    .max(48, 'Name must be 48 characters or less')
    .regex(/^[A-Za-z0-9][A-Za-z0-9 _-]*$/, 'Name may hold letters, digits, spaces, "_" and "-"'),
});

function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'project';
}

/** Creates a project with its creator as owner. */
export async function createProject(options: { prisma: PrismaClient; userId: string; name: string; actor: Actor }) {
  const { prisma, userId, name, actor } = options;
  try {
    return await prisma.$transaction(async (tx) => {
      const project = await tx.project.create({
        data: { name, slug: slugify(name), memberships: { create: { userId, role: 'OWNER' } } },
      });
      await recordAudit(tx, { actor, projectId: project.id, action: 'project.create', targetType: 'project', targetId: project.id, details: { name } });
      return project;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError(409, 'conflict', `A project named "${name}" already exists`);
    throw error;
  }
}
