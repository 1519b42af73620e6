'use client';

import { useEffect, useId, useState } from 'react';
import { ALL_APPS_CAP, useAllApps } from '@/lib/panel/app-queries';
import { appsListSearch, defaultOrder, PAGE_SIZES, type AppsListParams, type SortKey } from '@/lib/panel/apps-list-params';
import { appsListView } from '@/lib/panel/apps-list-view';
import { checkSelector } from '@/lib/panel/check-selector';
import { useDebouncedValue } from '@/lib/panel/use-debounced-value';
import { errorMessage } from '@/lib/panel/api-client';
import { LoadError } from '@/components/ui/load-error';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { TableSkeleton } from '@/components/ui/skeleton';
import { AppsEmpty } from './apps-empty';
import { AppsFilters } from './apps-filters';
import { AppsTable } from './apps-table';

/**
 * The Apps tab. The API filters by label selector; search, state filter,
 * sorting and paging happen here over the project's apps (fetched whole, up to
 * a cap), and all of it is kept in the address so a reload shows the same page.
 */
export function AppsView({ initial }: { initial: AppsListParams }) {
  const [params, setParams] = useState(initial);
  const [selectorText, setSelectorText] = useState(initial.labelSelector);
  const problem = checkSelector(selectorText);
  const typed = useDebouncedValue(selectorText, 250);
  const statusId = useId();
  // Only a selector that parses is sent; while the text is wrong, the last good result stays.
  const candidate = typed.trim();
  if (checkSelector(typed) === null && candidate !== params.labelSelector) setParams({ ...params, labelSelector: candidate, page: 0 });

  useEffect(() => {
    const url = new URL(window.location.href);
    url.search = appsListSearch(params);
    if (url.href !== window.location.href) window.history.replaceState(null, '', url);
  }, [params]);

  const query = useAllApps(params.labelSelector);
  const view = appsListView(query.data?.apps ?? [], params);
  const update = (change: Partial<AppsListParams>) => setParams({ ...params, page: 0, ...change });
  const sortBy = (sort: SortKey) => update({ sort, order: params.sort === sort ? (params.order === 'asc' ? 'desc' : 'asc') : defaultOrder(sort) });
  const stale = problem !== null;

  return (
    <section aria-labelledby="apps-heading">
      <PageHeader
        title="Apps"
        titleId="apps-heading"
        description="Apps you deploy, with their labels. Tokens reach the apps whose labels match their selector."
        actions={
          <ButtonLink href="/apps/new">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5">
              <path d="M12 5v14M5 12h14" />
            </svg>
            New app
          </ButtonLink>
        }
      />

      <AppsFilters
        q={params.q}
        state={params.state}
        selectorText={selectorText}
        problem={problem}
        staleSelector={stale ? params.labelSelector : null}
        onSearch={(q) => update({ q })}
        onState={(state) => update({ state })}
        onSelector={setSelectorText}
      />

      {query.isPending ? (
        <TableSkeleton label="Loading apps…" columns={6} />
      ) : query.isError && !query.data ? (
        <LoadError title="The apps could not be loaded" error={query.error} onRetry={() => query.refetch()} />
      ) : view.matching === 0 ? (
        <AppsEmpty
          params={params}
          anyApp={(query.data?.total ?? 0) > 0}
          onClear={() => {
            setSelectorText('');
            update({ labelSelector: '', q: '', state: 'any' });
          }}
        />
      ) : (
        <>
          {query.isError && (
            <Alert tone="error" className="mb-3">
              Could not refresh the list: {errorMessage(query.error)}
            </Alert>
          )}
          {(query.data?.total ?? 0) > ALL_APPS_CAP && (
            <Alert tone="warning" className="mb-3">
              This project has {query.data?.total} apps: search, sorting and the state filter cover the first {ALL_APPS_CAP}. Narrow the list with a label
              selector.
            </Alert>
          )}
          {stale && (
            <p id={statusId} className="mb-2 text-sm font-medium text-amber-800">
              Showing the last valid result: fix the label selector to update the list.
            </p>
          )}
          <AppsTable apps={view.apps} sort={params.sort} order={params.order} onSort={sortBy} stale={stale} describedBy={stale ? statusId : undefined} />
          <Pagination
            label="Apps pages"
            page={view.page}
            size={params.size}
            shown={view.apps.length}
            total={view.matching}
            hasNext={view.page + 1 < view.pageCount}
            onPage={(page) => setParams({ ...params, page })}
            sizes={PAGE_SIZES}
            onSize={(size) => update({ size })}
          />
        </>
      )}
    </section>
  );
}
