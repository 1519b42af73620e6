import { authorize } from '../authz/authorize.ts';
import type { Caller } from '../authz/caller.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { matchesSelector, type Selector } from '../labels/selector.ts';
import { APP_DETAIL, appDto } from './app-dto.ts';
import { toAppView } from './app-view.ts';

export interface ListAppsOptions {
  prisma: PrismaClient;
  caller: Caller;
  /** The caller's own filter (`?labelSelector=`), on top of what the credential may see. */
  selector: Selector;
  page: number;
  size: number;
}

/**
 * The apps the caller may read, newest first, filtered and paged. Labels live
 * in JSON, so `authorize` and the selector decide on slim rows (the same rule
 * as every other path, no second copy of it in SQL); only the requested page
 * is then loaded whole, with its history.
 */
export async function listApps({ prisma, caller, selector, page, size }: ListAppsOptions) {
  const region = caller.credential.kind === 'token' ? caller.credential.region : undefined;
  const candidates = await prisma.app.findMany({
    where: { projectId: caller.projectId, state: { not: 'DELETED' }, ...(region ? { region: { equals: region, mode: 'insensitive' } } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: { id: true, projectId: true, region: true, labels: true, unsecureHttp: true },
  });
  const visible = candidates.filter((row) => {
    const view = toAppView(row);
    return authorize({ credential: caller.credential, app: view, action: 'app:read', clientIp: caller.actor.ip ?? null }).allow && matchesSelector(selector, view.labels);
  });
  const pageIds = visible.slice(page * size, page * size + size).map((row) => row.id);
  const apps = pageIds.length
    ? await prisma.app.findMany({ where: { id: { in: pageIds } }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], include: APP_DETAIL })
    : [];
  return { total: visible.length, items: apps.map((app) => appDto(app)) };
}
