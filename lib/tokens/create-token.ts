import type { PrismaClient } from '../db/generated/client';
import { recordAudit, type Actor } from '../audit/record-audit';
import { parseSelector } from '../labels/parse-selector';
import { printSelector } from '../labels/selector';
import { ApiError } from '../api/api-error';
import { isUniqueViolation } from '../db/is-unique-violation';
import { generateTokenSecret } from './token-format';
import { hashTokenSecret } from './token-secret';
import type { TokenSpec } from './token-spec';

export interface CreateTokenOptions {
  prisma: PrismaClient;
  projectId: string;
  spec: TokenSpec;
  actor: Actor;
}

/** Creates a token and returns its secret: the only time the secret exists outside the caller's hands. */
export async function createToken({ prisma, projectId, spec, actor }: CreateTokenOptions) {
  const secret = generateTokenSecret();
  try {
    const token = await prisma.$transaction(async (tx) => {
      const created = await tx.token.create({
        data: {
          projectId,
          name: spec.name,
          // Stored canonical, so the list shows one spelling whatever was typed.
          labelSelector: printSelector(parseSelector(spec.labelSelector)),
          role: spec.role === 'operator' ? 'OPERATOR' : 'READ',
          region: spec.region,
          expiresAt: spec.expiresAt ?? null,
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
        details: { name: created.name, labelSelector: created.labelSelector, role: spec.role, region: spec.region },
      });
      return created;
    });
    return { token, secret };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError(409, 'conflict', `A token named "${spec.name}" already exists`);
    throw error;
  }
}
