import 'server-only';
import { getPrisma } from '../db/db.ts';
import { getConfig } from '../config/config.ts';
import { appUrl } from '../server/app-host.ts';

export interface AppRow {
  id: string;
  name: string;
  image: string;
  region: string;
  state: string;
  labels: Record<string, string>;
  url: string;
  createdAt: string;
}

/** The project's apps, newest first, as the Apps tab shows them; nothing unless the user is a member. */
export async function listProjectApps(userId: string, projectId: string): Promise<AppRow[]> {
  const prisma = await getPrisma();
  const config = getConfig();
  const apps = await prisma.app.findMany({
    where: { projectId, state: { not: 'DELETED' }, project: { memberships: { some: { userId } } } },
    orderBy: { createdAt: 'desc' },
    take: 100,
  });
  return apps.map((app) => ({
    id: app.id,
    name: app.name,
    image: app.image,
    region: app.region,
    state: app.state,
    labels: app.labels as Record<string, string>,
    url: appUrl({ appId: app.id, region: app.region, baseDomain: config.BASE_DOMAIN, port: config.PORT }),
    createdAt: app.createdAt.toISOString(),
  }));
}
