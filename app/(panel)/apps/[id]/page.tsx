import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/dal/current-user';
import { listTokensWithAccess } from '@/lib/dal/app-access';
import { AppDetails } from '@/components/apps/app-details';
import { TokensWithAccess } from '@/components/apps/tokens-with-access';

export const metadata: Metadata = { title: 'App details' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/apps/${encodeURIComponent(id)}`);
  if (!UUID.test(id)) notFound();
  const access = await listTokensWithAccess(id.toLowerCase());
  if (!access) notFound();
  const newTokenHref = `/tokens/new?${new URLSearchParams({ labelSelector: `ovh/id=${id.toLowerCase()}` })}`;
  return <AppDetails id={id.toLowerCase()} access={<TokensWithAccess access={access} newTokenHref={newTokenHref} />} />;
}
