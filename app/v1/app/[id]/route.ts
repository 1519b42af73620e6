import { apiRoute } from '@/lib/api/api-route';
import { getApp } from '@/lib/apps/get-app';
import { requestAppState } from '@/lib/apps/request-app-state';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ caller, prisma, params }) => Response.json(await getApp({ prisma, caller, appId: params.id })));

export const DELETE = apiRoute<Params>(async ({ caller, prisma, params }) =>
  Response.json(await requestAppState({ prisma, caller, appId: params.id, desired: 'DELETED' })),
);
