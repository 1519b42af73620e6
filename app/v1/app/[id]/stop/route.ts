import { apiRoute } from '@/lib/api/api-route';
import { ApiError } from '@/lib/api/api-error';
import { idSchema } from '@/lib/api/id-schema';
import { findAuthorizedApp } from '@/lib/apps/find-authorized-app';

export const PUT = apiRoute<{ id: string }>(async ({ caller, prisma, params }) => {
  await findAuthorizedApp(prisma, caller.credential, idSchema.parse(params.id), 'app:manage');
  throw new ApiError(501, 'not_implemented', 'Runtime not available: apps cannot be stopped yet');
});
