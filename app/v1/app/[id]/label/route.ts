import { apiRoute, readJson } from '@/lib/api/api-route';
import { setAppLabel, setLabelSchema } from '@/lib/apps/set-app-label';

export const PUT = apiRoute<{ id: string }>(async ({ request, caller, prisma, params }) => {
  const input = setLabelSchema.parse(await readJson(request));
  return Response.json(await setAppLabel({ prisma, caller, appId: params.id, input }));
});
