import { apiRoute } from '@/lib/api/api-route';
import { ApiError } from '@/lib/api/api-error';
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
  await findAuthorizedApp(prisma, caller.credential, idSchema.parse(params.id), 'app:manage');
  throw new ApiError(501, 'not_implemented', 'Runtime not available: apps cannot be deleted yet');
});
