import { apiRoute, noStoreJson, readJson } from '@/lib/api/api-route';
import { paginationSchema, searchParamsObject } from '@/lib/api/pagination';
import { getConfig } from '@/lib/config/config';
import { createToken } from '@/lib/tokens/create-token';
import { listTokens } from '@/lib/tokens/list-tokens';
import { tokenSpecSchema } from '@/lib/tokens/token-spec';

export const GET = apiRoute(async ({ request, caller, prisma }) => {
  const { page, size } = paginationSchema.parse(searchParamsObject(request));
  const { total, items } = await listTokens({ prisma, caller, page, size });
  return Response.json(items, { headers: { 'x-total-count': String(total) } });
});

export const POST = apiRoute(async ({ request, caller, prisma }) => {
  const spec = tokenSpecSchema(getConfig().REGIONS).parse(await readJson(request));
  return noStoreJson(await createToken({ prisma, caller, spec }));
});
