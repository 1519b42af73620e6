import { apiRoute } from '@/lib/api/api-route';
import { notFound } from '@/lib/api/api-error';
import { requireUserCaller } from '@/lib/api/require-user';
import { tokenDto } from '@/lib/api/token-dto';
import { deleteToken } from '@/lib/tokens/delete-token';
import { idSchema } from '@/lib/api/id-schema';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ caller, prisma, params }) => {
  const user = requireUserCaller(caller);
  const id = idSchema.parse(params.id);
  const token = await prisma.token.findFirst({ where: { id, projectId: user.projectId }, omit: { secretHash: true } });
  if (!token) throw notFound('Token');
  return Response.json(tokenDto(token));
});

export const DELETE = apiRoute<Params>(async ({ caller, prisma, params }) => {
  const user = requireUserCaller(caller);
  const id = idSchema.parse(params.id);
  await deleteToken({ prisma, projectId: user.projectId, tokenId: id, actor: user.actor });
  return new Response(null, { status: 204 });
});
