import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/generated/client.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import { applyPlatformLabels } from '../labels/platform-labels.ts';
import type { AppSpec } from './app-spec.ts';

export interface CreateAppOptions {
  prisma: PrismaClient;
  projectId: string;
  spec: AppSpec;
  actor: Actor;
}

/**
 * Submits an app: assigns its id, stamps the platform's ovh/* labels over any
 * the user supplied, and records it as QUEUED for the runtime to pick up.
 */
export async function createApp({ prisma, projectId, spec, actor }: CreateAppOptions) {
  const id = randomUUID();
  const { labels, replaced } = applyPlatformLabels(spec.labels, id);
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
