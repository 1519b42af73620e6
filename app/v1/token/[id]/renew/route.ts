import { apiRoute, noStoreJson, readJson } from '@/lib/api/api-route';
import { regenerateToken } from '@/lib/tokens/regenerate-token';
import { renewSchema } from '@/lib/tokens/token-spec';

export const POST = apiRoute<{ id: string }>(async ({ request, caller, prisma, params }) => {
  const { gracePeriodSeconds } = renewSchema.parse(await readJson(request));
  return noStoreJson(await regenerateToken({ prisma, caller, tokenId: params.id, gracePeriodSeconds }));
});
