import type { Metadata } from 'next';
import { requireUser } from '@/lib/dal/current-user';
import { getPanelRuntimeStatus } from '@/lib/dal/runtime-status';
import { AppsView } from '@/components/apps/apps-view';
import { RuntimeStatusLine } from '@/components/apps/runtime-status-line';

export const metadata: Metadata = { title: 'Apps' };

export default async function AppsPage({ searchParams }: { searchParams: Promise<{ labelSelector?: string | string[] }> }) {
  await requireUser('/apps');
  const { labelSelector } = await searchParams;
  return (
    <>
      <AppsView initialSelector={typeof labelSelector === 'string' ? labelSelector : ''} />
      <RuntimeStatusLine status={await getPanelRuntimeStatus()} />
    </>
  );
}
