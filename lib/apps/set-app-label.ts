import { z } from 'zod';
import type { PrismaClient } from '../db/generated/client';
import { recordAudit, type Actor } from '../audit/record-audit';
import { labelKeySchema, labelValueSchema, MAX_LABELS } from '../labels/label-rules';
import { isReservedLabelKey } from '../labels/platform-labels';
import { ApiError } from '../api/api-error';
import { notifyChange, publishLocal } from '../events/change-bus';

export const setLabelSchema = z.object({
  name: labelKeySchema.refine((key) => !isReservedLabelKey(key), 'labels under ovh/ are set by the platform and cannot be changed'),
  // null removes the label.
  value: labelValueSchema.nullable(),
});

export type SetLabelInput = z.infer<typeof setLabelSchema>;

/** Sets (or, with value null, removes) one user label. The platform's ovh/* labels never change. */
export async function setAppLabel(options: { prisma: PrismaClient; appId: string; projectId: string; input: SetLabelInput; actor: Actor }) {
  const { prisma, appId, projectId, input, actor } = options;
  const updated = await prisma.$transaction(async (tx) => {
    const app = await tx.app.findUniqueOrThrow({ where: { id: appId } });
    const labels = { ...(app.labels as Record<string, string>) };
    if (input.value === null) delete labels[input.name];
    else labels[input.name] = input.value;
    if (Object.keys(labels).length > MAX_LABELS) {
      throw new ApiError(400, 'bad_request', `An app may carry at most ${MAX_LABELS} labels`);
    }
    const updated = await tx.app.update({
      where: { id: appId },
      data: { labels },
      include: { events: { orderBy: { createdAt: 'asc' } } },
    });
    await recordAudit(tx, {
      actor,
      projectId,
      action: input.value === null ? 'app.label.remove' : 'app.label.set',
      targetType: 'app',
      targetId: appId,
      details: { name: input.name, value: input.value },
    });
    await notifyChange(tx, { kind: 'app', id: appId });
    return updated;
  });
  publishLocal({ kind: 'app', id: appId });
  return updated;
}
