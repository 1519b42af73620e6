'use client';

import { useEffect, useId, useMemo, useRef } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';
import { ACTIVITY_PAGE_SIZES, activityHref, filtersFromParams, isFiltered, type ActivityFilters } from '@/lib/panel/activity-filters';
import { useAuditEvents, useNameBook, type Me } from '@/lib/panel/activity-queries';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadError } from '@/components/ui/load-error';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { TableSkeleton } from '@/components/ui/skeleton';
import { ActivityFilterBar } from './activity-filter-bar';
import { ActivityList } from './activity-list';
import { ExportLinks } from './export-links';

function countText(total: number, filtered: boolean): string {
  const events = `${total.toLocaleString('en')} event${total === 1 ? '' : 's'}`;
  return filtered ? `${events} match${total === 1 ? 'es' : ''} the filters` : `${events} in this project`;
}

/**
 * The Activity page: the project's audit trail with filters (token, app,
 * action, who), paged, exported as JSON or CSV. The address holds the filters
 * and the page, so a view can be bookmarked and Back goes back.
 */
export function ActivityView({ me }: { me: Me }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const sizeId = useId();
  const search = searchParams.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(search)), [search]);
  // The filters last asked for: two changes in a row (a filter, then the page
  // size) build on each other even before the address has caught up.
  const latest = useRef(filters);
  useEffect(() => {
    latest.current = filters;
  }, [filters]);
  const query = useAuditEvents(filters);
  const { book, tokens, apps } = useNameBook(me);

  function update(change: Partial<ActivityFilters>) {
    const next = { ...latest.current, ...change };
    latest.current = next;
    router.push(activityHref(next), { scroll: false });
  }

  const events = query.data?.events ?? [];
  const total = query.data?.total ?? null;

  return (
    <section aria-labelledby="activity-heading">
      <PageHeader
        title="Activity"
        titleId="activity-heading"
        description="Who changed what in this project, when and from where: tokens and apps created, regenerated, started, stopped, deleted."
        actions={<ExportLinks filters={filters} total={total} />}
      />

      <ActivityFilterBar filters={filters} tokens={tokens} apps={apps} me={me} onChange={update} />

      <p role="status" className="mb-2 text-sm text-slate-600">
        {total !== null && countText(total, isFiltered(filters))}
      </p>

      {query.isPending ? (
        <TableSkeleton label="Loading the activity…" columns={2} />
      ) : query.isError && !query.data ? (
        <LoadError title="The activity could not be loaded" error={query.error} onRetry={() => query.refetch()} />
      ) : events.length === 0 ? (
        <EmptyState title={isFiltered(filters) ? 'Nothing matches these filters' : 'No activity yet'}>
          {isFiltered(filters)
            ? 'Try another token, app or action, or clear the filters.'
            : 'Creating, regenerating or deleting a token, and deploying, starting or stopping an app, show up here.'}
        </EmptyState>
      ) : (
        <>
          <div className="rounded-lg border border-slate-200 bg-white px-4 shadow-sm sm:px-5">
            <ActivityList events={events} book={book} now={query.dataUpdatedAt} label="Activity" />
          </div>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="mt-3 flex items-center gap-2 text-sm text-slate-600">
              <label htmlFor={sizeId}>Per page</label>
              <select
                id={sizeId}
                value={filters.size}
                onChange={(event) => update({ size: Number(event.target.value), page: 0 })}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:ring-2 focus:ring-brand-100 focus:outline-none"
              >
                {ACTIVITY_PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </div>
            <div className="min-w-0 flex-1">
              <Pagination
                label="Activity pages"
                page={filters.page}
                size={filters.size}
                shown={events.length}
                total={total ?? undefined}
                hasNext={(filters.page + 1) * filters.size < (total ?? 0)}
                onPage={(page) => update({ page })}
              />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
