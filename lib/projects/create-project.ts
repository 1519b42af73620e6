import { randomBytes } from 'node:crypto';
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

/**
 * Creates a project with its creator as owner. Names are unique among the
 * user's own projects only: slugs are global, so a taken slug gets a random
 * suffix instead of a 409 that would reveal another tenant's project.
 */
export async function createProject(options: { prisma: PrismaClient; userId: string; name: string; actor: Actor }) {
  const { prisma, userId, name, actor } = options;
  const mine = await prisma.project.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, memberships: { some: { userId } } },
    select: { id: true },
  });
  if (mine) throw new ApiError(409, 'conflict', `You already have a project named "${name}"`);
  for (let attempt = 0; ; attempt++) {
    const slug = attempt === 0 ? slugify(name) : `${slugify(name)}-${randomBytes(3).toString('hex')}`;
    try {
      return await prisma.$transaction(async (tx) => {
        const project = await tx.project.create({
          data: { name, slug, memberships: { create: { userId, role: 'OWNER' } } },
        });
        await recordAudit(tx, { actor, projectId: project.id, action: 'project.create', targetType: 'project', targetId: project.id, details: { name } });
        return project;
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}
