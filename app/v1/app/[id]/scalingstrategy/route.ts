import { apiRoute, readJson } from '@/lib/api/api-route';
import { scalingStrategySchema } from '@/lib/apps/app-spec';
import { scaleApp } from '@/lib/apps/scale-app';

export const PUT = apiRoute<{ id: string }>(async ({ request, caller, prisma, params }) => {
  const strategy = scalingStrategySchema.parse(await readJson(request));
  return Response.json(await scaleApp({ prisma, caller, appId: params.id, strategy }));
});
