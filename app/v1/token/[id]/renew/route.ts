import { apiRoute, noStoreJson } from '@/lib/api/api-route';
import { regenerateToken } from '@/lib/tokens/regenerate-token';

export const POST = apiRoute<{ id: string }>(async ({ caller, prisma, params }) => noStoreJson(await regenerateToken({ prisma, caller, tokenId: params.id })));
