'use client';

import { useRouter } from 'next/navigation';
import type { Me } from '@/lib/panel/activity-queries';
import { useRevealedSecret } from '@/lib/panel/revealed-secret';
import { roleLabel } from '@/lib/panel/roles';
import { expiryState } from '@/lib/panel/token-expiry';
import { useToken } from '@/lib/panel/token-queries';
import { Button } from '@/components/ui/button';
import { RecordLoadError } from '@/components/ui/load-error';
import { PageHeader } from '@/components/ui/page-header';
import { DetailSkeleton } from '@/components/ui/skeleton';
import { RevealedSecretBanner } from './revealed-secret-banner';
import { TokenActivityCard } from './token-activity-card';
import { TokenBadges } from './token-badges';
import { TokenFacts } from './token-facts';
import { TokenReachCard } from './token-reach-card';
import { TokenUsageCard } from './token-usage-card';
import { useTokenActions } from './use-token-actions';

/**
 * A token's page: what it is and may do, how it is used, the apps it reaches
 * now and its recent activity, with Regenerate (the new secret shows here,
 * once) and Delete (back to the list, which says so).
 */
export function TokenDetails({ id, me }: { id: string; me: Me }) {
  const router = useRouter();
  const page = `/tokens/${id}`;
  const query = useToken(id);
  const actions = useTokenActions({ page, afterDelete: () => router.push('/tokens') });
  const revealed = useRevealedSecret();

  if (query.isPending) {
    return <DetailSkeleton label="Loading the token…" bodyClassName="h-64" />;
  }
  if (query.isError && !query.data) {
    return <RecordLoadError noun="token" back={{ href: '/tokens', label: 'Back to tokens' }} error={query.error} onRetry={() => query.refetch()} />;
  }

  const token = query.data;
  const now = query.dataUpdatedAt;
  const busy = actions.regenerating || actions.deleting;

  return (
    <div>
      <PageHeader
        title={token.spec.name}
        back={{ href: '/tokens', label: 'Tokens' }}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <span>
              {roleLabel(token.spec.role)} · {token.spec.region}
            </span>
            <TokenBadges token={token} now={now} />
          </span>
        }
        actions={
          <>
            <Button variant="secondary" onClick={() => actions.askRegenerate(token)} disabled={busy}>
              Regenerate
            </Button>
            <Button variant="danger" onClick={() => actions.askDelete(token)} disabled={busy}>
              Delete
            </Button>
          </>
        }
      />

      {revealed?.page === page && revealed.tokenId === token.id && <RevealedSecretBanner revealed={revealed} />}
      {actions.failure}

      {/* DOM order is the phone's reading order (what it is, its use, its reach, its history); wider, the side column spans both rows. */}
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 lg:col-start-1 lg:row-start-1">
          <TokenFacts token={token} now={now} />
        </div>
        <div className="min-w-0 space-y-5 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <TokenUsageCard token={token} now={now} />
          <TokenReachCard token={token} expired={expiryState(token, now).kind === 'expired'} />
        </div>
        <div className="min-w-0 lg:col-start-1 lg:row-start-2">
          <TokenActivityCard tokenId={token.id} me={me} />
        </div>
      </div>

      {actions.dialogs}
    </div>
  );
}
