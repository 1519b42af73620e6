import { z } from 'zod';
import { apiRoute, readJson } from '@/lib/api/api-route';
import { paginationSchema, searchParamsObject } from '@/lib/api/pagination';
import { appSpecSchema } from '@/lib/apps/app-spec';
import { createApp } from '@/lib/apps/create-app';
import { listApps } from '@/lib/apps/list-apps';
import { getConfig } from '@/lib/config/config';
import { parseSelector } from '@/lib/labels/parse-selector';
import { supportedImages } from '@/lib/runtime/runtime-identity';

const listQuery = paginationSchema.extend({ labelSelector: z.string().max(2048).default('') });

export const GET = apiRoute(async ({ request, caller, prisma }) => {
  const query = listQuery.parse(searchParamsObject(request));
  const { total, items } = await listApps({ prisma, caller, selector: parseSelector(query.labelSelector), page: query.page, size: query.size });
  return Response.json(items, { headers: { 'x-total-count': String(total) } });
});

export const POST = apiRoute(async ({ request, caller, prisma }) => {
  const spec = appSpecSchema({ regions: getConfig().REGIONS, images: supportedImages() }).parse(await readJson(request));
  return Response.json(await createApp({ prisma, caller, spec }));
});
