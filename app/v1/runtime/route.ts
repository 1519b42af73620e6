import { apiRoute } from '@/lib/api/api-route';
import { getRuntimeStatus } from '@/lib/runtime/get-runtime-status';

export const GET = apiRoute(async ({ caller, prisma }) => Response.json(await getRuntimeStatus({ prisma, caller })));
