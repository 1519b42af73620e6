import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { isUniqueViolation } from '../db/is-unique-violation.ts';
import { DomainError } from '../errors/domain-error.ts';
import { requireAccountUser, type AccountCaller } from './account-caller.ts';
import { projectDto } from './project-dto.ts';

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
 * Creates a project with the signed-in caller as owner. Names are unique among
 * the user's own projects only: slugs are global, so a taken slug gets a random
 * suffix instead of a 409 that would reveal another tenant's project.
 */
export async function createProject({ prisma, caller, name }: { prisma: PrismaClient; caller: AccountCaller; name: string }) {
  const userId = requireAccountUser(caller);
  const { actor } = caller;
  const mine = await prisma.project.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, memberships: { some: { userId } } },
    select: { id: true },
  });
  if (mine) throw new DomainError('CONFLICT', `You already have a project named "${name}"`, { reason: 'name_taken' });
  for (let attempt = 0; ; attempt++) {
    const slug = attempt === 0 ? slugify(name) : `${slugify(name)}-${randomBytes(3).toString('hex')}`;
    try {
      return await prisma.$transaction(async (tx) => {
        const project = await tx.project.create({
          data: { name, slug, memberships: { create: { userId, role: 'OWNER' } } },
        });
        await recordAudit(tx, { actor, projectId: project.id, action: 'project.create', targetType: 'project', targetId: project.id, details: { name } });
        return projectDto(project);
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}
