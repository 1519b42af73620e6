import { apiRoute } from '@/lib/api/api-route';
import { deleteToken } from '@/lib/tokens/delete-token';
import { getToken } from '@/lib/tokens/get-token';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ caller, prisma, params }) => Response.json(await getToken({ prisma, caller, tokenId: params.id })));

export const DELETE = apiRoute<Params>(async ({ caller, prisma, params }) => {
  await deleteToken({ prisma, caller, tokenId: params.id });
  return new Response(null, { status: 204 });
});
