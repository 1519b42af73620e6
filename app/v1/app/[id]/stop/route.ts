import { apiRoute } from '@/lib/api/api-route';
import { requestAppState } from '@/lib/apps/request-app-state';

export const PUT = apiRoute<{ id: string }>(async ({ caller, prisma, params }) =>
  Response.json(await requestAppState({ prisma, caller, appId: params.id, desired: 'STOPPED' })),
);
