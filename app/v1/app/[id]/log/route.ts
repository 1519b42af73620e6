import { z } from 'zod';
import { apiRoute } from '@/lib/api/api-route';
import { searchParamsObject } from '@/lib/api/pagination';
import { MAX_LOG_TAIL, readAppLogs } from '@/lib/apps/read-app-logs';
import { logEventStream } from '@/lib/api/log-event-stream';

const logQuery = z.object({
  tail: z.coerce.number({ error: 'tail must be a number' }).int().min(0).max(MAX_LOG_TAIL, `tail must be at most ${MAX_LOG_TAIL}`).default(100),
  since: z.iso.datetime({ offset: true, error: 'since must be an ISO 8601 date-time' }).transform((s) => new Date(s)).optional(),
  follow: z.enum(['true', 'false', '1', '0'], { error: 'follow must be true or false' }).transform((v) => v === 'true' || v === '1').default(false),
});

/** OVHcloud's GET /app/{id}/log: `{ lastActivity, logs: [{ timestamp, content }] }`; with follow=true, server-sent events. */
export const GET = apiRoute<{ id: string }>(async ({ request, caller, prisma, params }) => {
  const query = logQuery.parse(searchParamsObject(request));
  const lines = await readAppLogs({ prisma, caller, appId: params.id, ...query, signal: request.signal });
  if (query.follow) return logEventStream(lines, request.signal);
  const logs = [];
  for await (const line of lines) logs.push(line);
  return Response.json({ lastActivity: logs.at(-1)?.timestamp ?? null, logs });
});
