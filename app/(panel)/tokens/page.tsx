import type { Metadata } from 'next';
import { requireUser } from '@/lib/dal/current-user';
import { TokensView } from '@/components/tokens/tokens-view';

export const metadata: Metadata = { title: 'Tokens' };

export default async function TokensPage() {
  await requireUser('/tokens');
  return <TokensView />;
}
