import { apiRoute, readJson } from '@/lib/api/api-route';
import { appDto } from '@/lib/api/app-dto';
import { idSchema } from '@/lib/api/id-schema';
import { findAuthorizedApp } from '@/lib/apps/find-authorized-app';
import { setAppLabel, setLabelSchema } from '@/lib/apps/set-app-label';
import { getConfig } from '@/lib/config/config';

export const PUT = apiRoute<{ id: string }>(async ({ request, caller, prisma, params }) => {
  const app = await findAuthorizedApp(prisma, caller.credential, idSchema.parse(params.id), 'app:manage');
  const input = setLabelSchema.parse(await readJson(request));
  const updated = await setAppLabel({ prisma, appId: app.id, projectId: app.projectId, input, actor: caller.actor });
  const config = getConfig();
  return Response.json(appDto(updated, { baseDomain: config.BASE_DOMAIN, port: config.PORT }));
});
