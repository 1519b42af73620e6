import { apiRoute } from '@/lib/api/api-route';
import { requireUserCaller } from '@/lib/api/require-user';
import { tokenDto } from '@/lib/api/token-dto';
import { regenerateToken } from '@/lib/tokens/regenerate-token';
import { idSchema } from '@/lib/api/id-schema';

export const POST = apiRoute<{ id: string }>(async ({ caller, prisma, params }) => {
  const user = requireUserCaller(caller);
  const id = idSchema.parse(params.id);
  const { token, secret } = await regenerateToken({ prisma, projectId: user.projectId, tokenId: id, actor: user.actor });
  return Response.json(tokenDto(token, secret), { headers: { 'cache-control': 'no-store' } });
});
