import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { DomainError } from '../errors/domain-error.ts';
import { notifyChange, publishLocal } from '../events/change-bus.ts';
import { labelKeySchema, labelValueSchema, MAX_LABELS } from '../labels/label-rules.ts';
import { asLabels } from '../labels/labels.ts';
import { isReservedLabelKey } from '../labels/platform-labels.ts';
import { APP_DETAIL, appDto } from './app-dto.ts';
import { findAuthorizedApp } from './find-authorized-app.ts';

export const setLabelSchema = z.object({
  name: labelKeySchema.refine((key) => !isReservedLabelKey(key), 'labels under ovh/ are set by the platform and cannot be changed'),
  // null removes the label.
  value: labelValueSchema.nullable(),
});

export type SetLabelInput = z.infer<typeof setLabelSchema>;

/** Sets (or, with value null, removes) one user label on an app the caller may manage. The platform's ovh/* labels never change. */
export async function setAppLabel(options: { prisma: PrismaClient; caller: Caller; appId: string; input: SetLabelInput }) {
  const { prisma, caller, input } = options;
  const { id, projectId } = await findAuthorizedApp(prisma, caller, options.appId, 'app:manage');
  const updated = await prisma.$transaction(async (tx) => {
    // Re-read inside the transaction so two label changes at once don't drop each other.
    await tx.$queryRaw`SELECT 1 FROM "App" WHERE "id" = ${id}::uuid FOR UPDATE`;
    const app = await tx.app.findUniqueOrThrow({ where: { id } });
    const labels = { ...asLabels(app.labels) };
    if (input.value === null) delete labels[input.name];
    else labels[input.name] = input.value;
    if (Object.keys(labels).length > MAX_LABELS) {
      throw new DomainError('INVALID', `An app may carry at most ${MAX_LABELS} labels`, { reason: 'too_many_labels' });
    }
    const updated = await tx.app.update({ where: { id }, data: { labels }, include: APP_DETAIL });
    await recordAudit(tx, {
      actor: caller.actor,
      projectId,
      action: input.value === null ? 'app.label.remove' : 'app.label.set',
      targetType: 'app',
      targetId: id,
      details: { name: input.name, value: input.value },
    });
    await notifyChange(tx, { kind: 'app', id });
    return updated;
  });
  publishLocal({ kind: 'app', id });
  return appDto(updated);
}
