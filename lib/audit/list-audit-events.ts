import { z } from 'zod';
import { authorizeTokenAdmin } from '../authz/authorize.ts';
import type { Caller } from '../authz/caller.ts';
import { denialError } from '../authz/denial-error.ts';
import type { Prisma, PrismaClient } from '../db/generated/client.ts';

export const auditQuerySchema = z.object({
  page: z.coerce.number({ error: 'page must be a number' }).int().min(0).default(0),
  size: z.coerce.number({ error: 'size must be a number' }).int().min(1).max(1000, 'size must be at most 1000').default(100),
  /** Events about this token, or done with it. */
  token: z.uuid({ error: 'token must be a token id' }).optional(),
  app: z.uuid({ error: 'app must be an app id' }).optional(),
  /** An action (`token.regenerate`) or a family of them (`token`, `app.label`). */
  action: z.string().trim().regex(/^[a-z]+(\.[a-z]+)*$/, 'action must look like app.stop or token').optional(),
  /** A user or token id that did it. */
  actor: z.uuid({ error: 'actor must be a user or token id' }).optional(),
});

export type AuditQuery = z.output<typeof auditQuerySchema>;

/**
 * The project's activity, newest first: who did what to which object, when,
 * from where. For members signed in to the panel: a token never reads the
 * trail of what tokens did.
 */
export async function listAuditEvents({ prisma, caller, query }: { prisma: PrismaClient; caller: Caller; query: AuditQuery }) {
  const decision = authorizeTokenAdmin({ credential: caller.credential, projectId: caller.projectId });
  if (!decision.allow) throw denialError(decision);
  const filters: Prisma.AuditEventWhereInput[] = [{ projectId: caller.projectId }];
  if (query.token) filters.push({ OR: [{ targetType: 'token', targetId: query.token }, { actorType: 'TOKEN', actorId: query.token }] });
  if (query.app) filters.push({ targetType: 'app', targetId: query.app });
  if (query.action) filters.push({ OR: [{ action: query.action }, { action: { startsWith: `${query.action}.` } }] });
  if (query.actor) filters.push({ actorId: query.actor });
  const where = { AND: filters };
  const [events, total] = await Promise.all([
    prisma.auditEvent.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: query.page * query.size, take: query.size }),
    prisma.auditEvent.count({ where }),
  ]);
  return {
    total,
    items: events.map((event) => ({
      id: event.id,
      createdAt: event.createdAt.toISOString(),
      action: event.action,
      actor: { type: event.actorType.toLowerCase(), id: event.actorId, ip: event.sourceIp },
      target: { type: event.targetType, id: event.targetId },
      details: event.details,
    })),
  };
}

export type AuditEventDto = Awaited<ReturnType<typeof listAuditEvents>>['items'][number];

const CSV_COLUMNS = ['createdAt', 'action', 'actorType', 'actorId', 'actorIp', 'targetType', 'targetId', 'details'] as const;

/** The events as CSV (RFC 4180: quoted fields, doubled quotes), for spreadsheets. */
export function auditCsv(items: AuditEventDto[]): string {
  const quote = (value: unknown) => {
    const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    // A leading =, +, - or @ would run as a formula in a spreadsheet: prefix it.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const rows = items.map((e) => [e.createdAt, e.action, e.actor.type, e.actor.id, e.actor.ip, e.target.type, e.target.id, e.details].map(quote).join(','));
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
