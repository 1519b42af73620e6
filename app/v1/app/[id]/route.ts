import { apiRoute, readJson } from '@/lib/api/api-route';
import { appUpdateSchema } from '@/lib/apps/app-spec';
import { getApp } from '@/lib/apps/get-app';
import { requestAppState } from '@/lib/apps/request-app-state';
import { updateApp } from '@/lib/apps/update-app';
import { supportedImages } from '@/lib/runtime/runtime-identity';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ caller, prisma, params }) => Response.json(await getApp({ prisma, caller, appId: params.id })));

export const PUT = apiRoute<Params>(async ({ request, caller, prisma, params }) => {
  const update = appUpdateSchema({ images: supportedImages() }).parse(await readJson(request));
  return Response.json(await updateApp({ prisma, caller, appId: params.id, update }));
});

export const DELETE = apiRoute<Params>(async ({ caller, prisma, params }) =>
  Response.json(await requestAppState({ prisma, caller, appId: params.id, desired: 'DELETED' })),
);
