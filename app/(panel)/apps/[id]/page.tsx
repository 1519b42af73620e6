import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getAppAccess } from '@/lib/dal/app-access';
import { AppDetails } from '@/components/apps/app-details';
import { TokensWithAccess } from '@/components/apps/tokens-with-access';

export const metadata: Metadata = { title: 'App details' };

export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await getAppAccess(id);
  if (!access) notFound();
  const appId = id.toLowerCase();
  const newTokenHref = `/tokens/new?${new URLSearchParams({ labelSelector: `ovh/id=${appId}` })}`;
  return <AppDetails id={appId} access={<TokensWithAccess access={access} newTokenHref={newTokenHref} />} />;
}
