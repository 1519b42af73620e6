import { apiRoute, readJson } from '@/lib/api/api-route';
import { requireUserCaller } from '@/lib/api/require-user';
import { paginationSchema, searchParamsObject } from '@/lib/api/pagination';
import { tokenDto } from '@/lib/api/token-dto';
import { getConfig } from '@/lib/config/config';
import { createToken } from '@/lib/tokens/create-token';
import { tokenSpecSchema } from '@/lib/tokens/token-spec';

export const GET = apiRoute(async ({ request, caller, prisma }) => {
  const user = requireUserCaller(caller);
  const { page, size } = paginationSchema.parse(searchParamsObject(request));
  const where = { projectId: user.projectId };
  const [tokens, total] = await Promise.all([
    prisma.token.findMany({ where, orderBy: { createdAt: 'desc' }, skip: page * size, take: size, omit: { secretHash: true } }),
    prisma.token.count({ where }),
  ]);
  return Response.json(
    tokens.map((token) => tokenDto(token)),
    { headers: { 'x-total-count': String(total) } },
  );
});

export const POST = apiRoute(async ({ request, caller, prisma }) => {
  const user = requireUserCaller(caller);
  const spec = tokenSpecSchema(getConfig().REGIONS).parse(await readJson(request));
  const { token, secret } = await createToken({ prisma, projectId: user.projectId, spec, actor: user.actor });
  return Response.json(tokenDto(token, secret), { status: 200, headers: { 'cache-control': 'no-store' } });
});
