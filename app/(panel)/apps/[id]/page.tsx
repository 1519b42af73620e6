import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { appNameForTitle } from '@/lib/panel/app-page-title';
import { getAppAccess } from '@/lib/dal/app-access';
import { AppDetails } from '@/components/apps/app-details';
import { TokensWithAccess } from '@/components/apps/tokens-with-access';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const name = await appNameForTitle((await params).id);
  return { title: name ? name : 'App details' };
}

export default async function AppPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ rollout?: string | string[] }> }) {
  const { id } = await params;
  const access = await getAppAccess(id);
  if (!access) notFound();
  const appId = id.toLowerCase();
  const newTokenHref = `/tokens/new?${new URLSearchParams({ labelSelector: `ovh/id=${appId}` })}`;
  // Set by the Edit page: the generation whose rollout this page follows.
  const { rollout } = await searchParams;
  const generation = typeof rollout === 'string' && /^\d{1,9}$/.test(rollout) ? Number(rollout) : null;
  return <AppDetails id={appId} rollout={generation} access={<TokensWithAccess access={access} newTokenHref={newTokenHref} />} />;
}
