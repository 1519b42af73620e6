import { apiRoute } from '@/lib/api/api-route';
import { requestAppState } from '@/lib/apps/request-app-state';
import { appDto } from '@/lib/api/app-dto';
import { idSchema } from '@/lib/api/id-schema';
import { findAuthorizedApp } from '@/lib/apps/find-authorized-app';
import { getConfig } from '@/lib/config/config';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ caller, prisma, params }) => {
  const app = await findAuthorizedApp(prisma, caller.credential, idSchema.parse(params.id), 'app:read');
  const config = getConfig();
  return Response.json(appDto(app, { baseDomain: config.BASE_DOMAIN, port: config.PORT }));
});

export const DELETE = apiRoute<Params>(async ({ caller, prisma, params }) => {
  const app = await requestAppState({ prisma, credential: caller.credential, actor: caller.actor, appId: idSchema.parse(params.id), desired: 'DELETED' });
  const config = getConfig();
  return Response.json(appDto(app, { baseDomain: config.BASE_DOMAIN, port: config.PORT }));
});
