import type { Metadata } from 'next';
import { requireUser } from '@/lib/dal/current-user';
import { AppsView } from '@/components/apps/apps-view';

export const metadata: Metadata = { title: 'Apps' };

export default async function AppsPage({ searchParams }: { searchParams: Promise<{ labelSelector?: string | string[] }> }) {
  await requireUser('/apps');
  const { labelSelector } = await searchParams;
  return <AppsView initialSelector={typeof labelSelector === 'string' ? labelSelector : ''} />;
}
