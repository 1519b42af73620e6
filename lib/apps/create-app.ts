import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/generated/client.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import { applyPlatformLabels } from '../labels/platform-labels.ts';
import { equalityLabels } from '../labels/selector.ts';
import { authorize, type TokenCredential } from '../authz/authorize.ts';
import { ApiError } from '../api/api-error.ts';
import type { AppSpec } from './app-spec.ts';

export interface CreateAppOptions {
  prisma: PrismaClient;
  projectId: string;
  spec: AppSpec;
  actor: Actor;
  /** A token creating the app: the app gets its selector's equality labels and must stay in its scope. */
  token?: TokenCredential;
}

/**
 * Submits an app: assigns its id, stamps the platform's ovh/* labels over any
 * the user supplied, and records it as QUEUED for the runtime to pick up.
 */
export async function createApp({ prisma, projectId, spec, actor, token }: CreateAppOptions) {
  const id = randomUUID();
  const submitted = token ? { ...spec.labels, ...equalityLabels(token.selector) } : spec.labels;
  const { labels, replaced } = applyPlatformLabels(submitted, id);
  if (token) {
    // A token may only create what it could then manage; otherwise it could
    // spawn apps nobody with that token can stop.
    const decision = authorize({
      credential: token,
      app: { id, projectId, region: spec.region, labels, unsecureHttp: spec.unsecureHttp },
      action: 'app:manage',
    });
    if (!decision.allow) {
      throw new ApiError(403, 'forbidden', `The new app would be outside the token's scope: ${decision.message}`, {
        reason: decision.reason,
      });
    }
  }
  const app = await prisma.$transaction(async (tx) => {
    const created = await tx.app.create({
      data: {
        id,
        projectId,
        name: spec.name,
        image: spec.image,
        region: spec.region,
        port: spec.defaultHttpPort,
        labels,
        unsecureHttp: spec.unsecureHttp,
        state: 'QUEUED',
        desiredState: 'RUNNING',
        events: { create: { state: 'QUEUED' } },
      },
      include: { events: true },
    });
    await recordAudit(tx, {
      actor,
      projectId,
      action: 'app.create',
      targetType: 'app',
      targetId: id,
      details: { name: spec.name, image: spec.image, region: spec.region },
    });
    return created;
  });
  return { app, replacedLabels: replaced };
}
