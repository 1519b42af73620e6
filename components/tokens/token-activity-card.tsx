'use client';

import Link from 'next/link';
import { activityHref, NO_FILTERS } from '@/lib/panel/activity-filters';
import { useAuditEvents, useNameBook, type Me } from '@/lib/panel/activity-queries';
import { ActivityList } from '@/components/activity/activity-list';
import { LoadError } from '@/components/ui/load-error';
import { Card } from '@/components/ui/card';

const RECENT = 10;

/** The token's last few audit events (done to it, or with it), and the way to all of them on the Activity page. */
export function TokenActivityCard({ tokenId, me }: { tokenId: string; me: Me }) {
  const filters = { ...NO_FILTERS, token: tokenId, size: RECENT };
  const query = useAuditEvents(filters);
  const { book } = useNameBook(me);
  const total = query.data?.total ?? 0;
  return (
    <Card
      title="Recent activity"
      titleId="token-activity-heading"
      actions={
        <Link href={activityHref({ ...filters, size: NO_FILTERS.size })} className="text-sm font-medium text-brand-600 hover:underline">
          All activity{total > RECENT ? ` (${total})` : ''}
        </Link>
      }
    >
      {query.isPending ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : query.isError && !query.data ? (
        <LoadError title="The activity could not be loaded" error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.events.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing yet.</p>
      ) : (
        <ActivityList events={query.data.events} book={book} now={query.dataUpdatedAt} label="Recent activity" />
      )}
    </Card>
  );
}
