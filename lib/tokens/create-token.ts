import { recordAudit } from '../audit/record-audit.ts';
import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { isUniqueViolation } from '../db/is-unique-violation.ts';
import { DomainError } from '../errors/domain-error.ts';
import { parseSelector } from '../labels/parse-selector.ts';
import { printSelector } from '../labels/selector.ts';
import { requireTokenAdmin } from './require-token-admin.ts';
import { NO_USAGE, tokenDto } from './token-dto.ts';
import { generateTokenSecret } from './token-format.ts';
import { roleToDb } from './token-role.ts';
import { hashTokenSecret } from './token-secret.ts';
import type { TokenSpec } from './token-spec.ts';

/** Creates a token in the caller's project; the answer holds its secret, the only time it exists outside the caller's hands. */
export async function createToken({ prisma, caller, spec }: { prisma: PrismaClient; caller: Caller; spec: TokenSpec }) {
  requireTokenAdmin(caller);
  const { projectId, actor } = caller;
  const secret = generateTokenSecret();
  try {
    const token = await prisma.$transaction(async (tx) => {
      const created = await tx.token.create({
        data: {
          projectId,
          name: spec.name,
          // Stored canonical, so the list shows one spelling whatever was typed.
          labelSelector: printSelector(parseSelector(spec.labelSelector)),
          role: roleToDb(spec.role),
          region: spec.region,
          expiresAt: spec.expiresAt ?? null,
          description: spec.description,
          allowedIps: spec.allowedIps,
          secretHash: hashTokenSecret(secret),
          createdById: actor.type === 'USER' ? actor.id : null,
        },
        omit: { secretHash: true },
      });
      await recordAudit(tx, {
        actor,
        projectId,
        action: 'token.create',
        targetType: 'token',
        targetId: created.id,
        details: { name: created.name, labelSelector: created.labelSelector, role: spec.role, region: spec.region, allowedIps: spec.allowedIps },
      });
      return created;
    });
    return tokenDto({ ...token, usage: NO_USAGE }, secret);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CONFLICT', `A token named "${spec.name}" already exists`, { reason: 'name_taken' });
    throw error;
  }
}
