import { apiRoute } from '@/lib/api/api-route';
import { searchParamsObject } from '@/lib/api/pagination';
import { auditCsv, auditQuerySchema, listAuditEvents } from '@/lib/audit/list-audit-events';

/** GET /v1/audit: the project's activity; `?format=csv` for a spreadsheet. */
export const GET = apiRoute(async ({ request, caller, prisma }) => {
  const { format, ...params } = searchParamsObject(request);
  const query = auditQuerySchema.parse(params);
  const { total, items } = await listAuditEvents({ prisma, caller, query });
  const headers = { 'x-total-count': String(total) };
  if (format === 'csv') {
    return new Response(auditCsv(items), {
      headers: { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="tollgate-activity.csv"' },
    });
  }
  return Response.json(items, { headers });
});
