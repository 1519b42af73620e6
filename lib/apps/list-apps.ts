import type { PrismaClient } from '../db/generated/client';
import { authorize, type AuthCredential } from '../authz/authorize';
import { matchesSelector, type Selector } from '../labels/selector';
import { toAppView } from './app-view';

export interface ListAppsOptions {
  prisma: PrismaClient;
  projectId: string;
  credential: AuthCredential;
  /** The caller's own filter (`?labelSelector=`), on top of what the credential may see. */
  selector: Selector;
  page: number;
  size: number;
}

/**
 * The apps the credential may read, newest first, filtered and paged. Labels
 * live in JSON, so selectors are matched here rather than in SQL; `authorize`
 * decides visibility app by app, the same rule as every other path.
 */
export async function listApps({ prisma, projectId, credential, selector, page, size }: ListAppsOptions) {
  const region = credential.kind === 'token' ? credential.region : undefined;
  const apps = await prisma.app.findMany({
    where: { projectId, state: { not: 'DELETED' }, ...(region ? { region: { equals: region, mode: 'insensitive' } } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    include: { events: { orderBy: { createdAt: 'asc' } } },
  });
  const visible = apps.filter(
    (app) =>
      authorize({ credential, app: toAppView(app), action: 'app:read' }).allow &&
      matchesSelector(selector, app.labels as Record<string, string>),
  );
  return { total: visible.length, items: visible.slice(page * size, page * size + size) };
}
