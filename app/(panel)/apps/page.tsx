import type { Metadata } from 'next';
import { requireUser } from '@/lib/dal/current-user';
import { getPanelRuntimeStatus } from '@/lib/dal/runtime-status';
import { parseAppsListParams } from '@/lib/panel/apps-list-params';
import { AppsView } from '@/components/apps/apps-view';
import { RuntimeStatusLine } from '@/components/apps/runtime-status-line';

export const metadata: Metadata = { title: 'Apps' };

export default async function AppsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('/apps');
  return (
    <>
      <AppsView initial={parseAppsListParams(await searchParams)} />
      <RuntimeStatusLine status={await getPanelRuntimeStatus()} />
    </>
  );
}
