import { apiRoute } from '@/lib/api/api-route';
import { appDto } from '@/lib/api/app-dto';
import { idSchema } from '@/lib/api/id-schema';
import { requestAppState } from '@/lib/apps/request-app-state';
import { getConfig } from '@/lib/config/config';

export const PUT = apiRoute<{ id: string }>(async ({ caller, prisma, params }) => {
  const app = await requestAppState({ prisma, credential: caller.credential, actor: caller.actor, appId: idSchema.parse(params.id), desired: 'RUNNING' });
  const config = getConfig();
  return Response.json(appDto(app, { baseDomain: config.BASE_DOMAIN, port: config.PORT }));
});
