import type { Prisma } from '../db/generated/client.ts';

export type Actor =
  | { type: 'USER'; id: string; ip?: string | null }
  | { type: 'TOKEN'; id: string; ip?: string | null }
  | { type: 'SYSTEM'; id?: null; ip?: null };

export interface AuditInput {
  actor: Actor;
  projectId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Prisma.InputJsonValue;
}

/** Writes an AuditEvent inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(tx: Prisma.TransactionClient, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      projectId: input.projectId,
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      sourceIp: input.actor.ip ?? null,
      details: input.details,
    },
  });
}
