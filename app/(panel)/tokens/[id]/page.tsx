import type { Metadata } from 'next';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { getPrisma } from '@/lib/db/db';
import { getPanelCaller } from '@/lib/dal/current-user';
import { DomainError } from '@/lib/errors/domain-error';
import { getToken } from '@/lib/tokens/get-token';
import { TokenDetails } from '@/components/tokens/token-details';

type Props = { params: Promise<{ id: string }> };

/**
 * The token, once per request, for the title and the 404: the page itself
 * loads it again in the browser (its times are shown in the user's zone,
 * which the server does not know).
 */
const loadToken = cache(async (id: string) => {
  const { user, credential, actor, projectId } = await getPanelCaller(`/tokens/${encodeURIComponent(id)}`);
  if (projectId === null) return null;
  try {
    const caller = { kind: 'user', userId: user.id, projectId, credential, actor } as const;
    return { token: await getToken({ prisma: await getPrisma(), caller, tokenId: id }), user };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadToken((await params).id);
  return { title: loaded ? `Token ${loaded.token.spec.name}` : 'Token not found' };
}

export default async function TokenPage({ params }: Props) {
  const loaded = await loadToken((await params).id);
  if (!loaded) notFound();
  const { token, user } = loaded;
  return <TokenDetails id={token.id} me={{ id: user.id, email: user.email }} />;
}
