import { z } from 'zod';
import { apiRoute, readJson } from '@/lib/api/api-route';
import { ApiError } from '@/lib/api/api-error';
import { appDto } from '@/lib/api/app-dto';
import { paginationSchema, searchParamsObject } from '@/lib/api/pagination';
import { appSpecSchema } from '@/lib/apps/app-spec';
import { createApp } from '@/lib/apps/create-app';
import { listApps } from '@/lib/apps/list-apps';
import { authorizeAppCreate } from '@/lib/authz/authorize';
import { getConfig } from '@/lib/config/config';
import { parseSelector } from '@/lib/labels/parse-selector';
import { getAppController } from '@/lib/runtime/app-controller';

const listQuery = paginationSchema.extend({ labelSelector: z.string().max(2048).default('') });

export const GET = apiRoute(async ({ request, caller, prisma }) => {
  const query = listQuery.parse(searchParamsObject(request));
  const config = getConfig();
  const { total, items } = await listApps({
    prisma,
    projectId: caller.projectId,
    credential: caller.credential,
    selector: parseSelector(query.labelSelector),
    page: query.page,
    size: query.size,
  });
  const urls = { baseDomain: config.BASE_DOMAIN, port: config.PORT };
  return Response.json(items.map((app) => appDto(app, urls)), { headers: { 'x-total-count': String(total) } });
});

export const POST = apiRoute(async ({ request, caller, prisma }) => {
  const config = getConfig();
  const spec = appSpecSchema(config.REGIONS).parse(await readJson(request));
  const decision = authorizeAppCreate({ credential: caller.credential, projectId: caller.projectId, region: spec.region });
  if (!decision.allow) throw new ApiError(decision.status, 'forbidden', decision.message, { reason: decision.reason });
  const { app, replacedLabels } = await createApp({
    prisma,
    projectId: caller.projectId,
    spec,
    actor: caller.actor,
    token: caller.kind === 'token' ? caller.credential : undefined,
  });
  getAppController()?.submitted(app.id);
  return Response.json(appDto(app, { baseDomain: config.BASE_DOMAIN, port: config.PORT }, { replacedLabels }));
});
