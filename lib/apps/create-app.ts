import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/record-audit.ts';
import { authorize, authorizeAppCreate } from '../authz/authorize.ts';
import type { Caller } from '../authz/caller.ts';
import { denialError } from '../authz/denial-error.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { applyPlatformLabels } from '../labels/platform-labels.ts';
import { equalityLabels } from '../labels/selector.ts';
import { notifyChange, publishLocal } from '../events/change-bus.ts';
import { APP_DETAIL, appDto } from './app-dto.ts';
import { runtimeColumns, runtimeFieldsOf } from './app-runtime-fields.ts';
import type { AppSpec } from './app-spec.ts';

export interface CreateAppOptions {
  prisma: PrismaClient;
  caller: Caller;
  spec: AppSpec;
}

/**
 * Submits an app in the caller's project: assigns its id, stamps the
 * platform's ovh/* labels over any the user supplied, records it as QUEUED and
 * hands it to the runtime. A token's app gets its selector's equality labels.
 */
export async function createApp({ prisma, caller, spec }: CreateAppOptions) {
  const { credential, projectId } = caller;
  const allowed = authorizeAppCreate({ credential, projectId, region: spec.region, clientIp: caller.actor.ip ?? null });
  if (!allowed.allow) throw denialError(allowed);

  const id = randomUUID();
  const submitted = credential.kind === 'token' ? { ...spec.labels, ...equalityLabels(credential.selector) } : spec.labels;
  const { labels, replaced } = applyPlatformLabels(submitted, id);
  // A token may only create what it could then manage; otherwise it could
  // spawn apps nobody with that token can stop.
  const manageable = authorize({ credential, app: { id, projectId, region: spec.region, labels, unsecureHttp: spec.unsecureHttp }, action: 'app:manage', clientIp: caller.actor.ip ?? null });
  if (!manageable.allow) throw denialError(manageable, `The new app would be outside the token's scope: ${manageable.message}`);

  const app = await prisma.$transaction(async (tx) => {
    const created = await tx.app.create({
      data: {
        id,
        projectId,
        name: spec.name,
        region: spec.region,
        ...runtimeColumns(runtimeFieldsOf(spec)),
        replicas: spec.scalingStrategy.fixed.replicas,
        labels,
        unsecureHttp: spec.unsecureHttp,
        allowPanelUsers: spec.allowPanelUsers,
        state: 'QUEUED',
        desiredState: 'RUNNING',
        events: { create: { state: 'QUEUED' } },
      },
      include: APP_DETAIL,
    });
    await recordAudit(tx, {
      actor: caller.actor,
      projectId,
      action: 'app.create',
      targetType: 'app',
      targetId: id,
      details: { name: spec.name, image: spec.image ?? null, upstreamUrl: spec.upstreamUrl ?? null, region: spec.region },
    });
    // The runtime controller starts it on this announcement, on whichever instance leads.
    await notifyChange(tx, { kind: 'app', id });
    return created;
  });
  publishLocal({ kind: 'app', id });
  return appDto(app, { replacedLabels: replaced });
}
