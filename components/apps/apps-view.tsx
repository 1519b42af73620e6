'use client';

import { useEffect, useId, useState } from 'react';
import { useAppList } from '@/lib/panel/app-queries';
import { checkSelector } from '@/lib/panel/check-selector';
import { useDebouncedValue } from '@/lib/panel/use-debounced-value';
import { errorMessage } from '@/lib/panel/api-client';
import { SelectorProblemHint } from '@/components/labels/selector-problem';
import { LoadError } from '@/components/ui/load-error';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { TableSkeleton } from '@/components/ui/skeleton';
import { AppsTable } from './apps-table';

const PAGE_SIZE = 20;

/** The Apps tab: filter by label selector, a paged table that follows state changes, empty and error states. */
export function AppsView({ initialSelector }: { initialSelector: string }) {
  const [text, setText] = useState(initialSelector);
  const [page, setPage] = useState(0);
  const filterId = useId();
  const problem = checkSelector(text);
  const typed = useDebouncedValue(text, 250);
  // Only a selector that parses is sent; while the text is wrong, the last good result stays.
  const [applied, setApplied] = useState(initialSelector.trim());
  const candidate = typed.trim();
  if (checkSelector(typed) === null && candidate !== applied) {
    setApplied(candidate);
    setPage(0);
  }
  useEffect(() => {
    // Keep the filter in the address bar, so a reload or a shared link shows the same list.
    const url = new URL(window.location.href);
    if (applied) url.searchParams.set('labelSelector', applied);
    else url.searchParams.delete('labelSelector');
    if (url.href !== window.location.href) window.history.replaceState(null, '', url);
  }, [applied]);

  const query = useAppList(applied, page, PAGE_SIZE);
  const hasApps = (query.data?.total ?? 0) > 0;

  return (
    <section aria-labelledby="apps-heading">
      <PageHeader
        title="Apps"
        titleId="apps-heading"
        description="Apps you deploy, with their labels. Tokens reach the apps whose labels match their selector."
        actions={
          <ButtonLink href="/apps/new">
            <PlusIcon />
            New app
          </ButtonLink>
        }
      />

      <div className="mb-4 max-w-xl">
        <label htmlFor={filterId} className="mb-1 block text-sm font-medium">
          Filter by label selector
        </label>
        <div className="relative">
          <input
            id={filterId}
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="group=A,env in (prod,staging)"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={problem !== null || undefined}
            aria-describedby={problem ? `${filterId}-problem` : `${filterId}-hint`}
            className={inputClass(problem !== null, 'font-mono')}
          />
        </div>
        {problem ? (
          <SelectorProblemHint id={`${filterId}-problem`} text={text} problem={problem} />
        ) : (
          <p id={`${filterId}-hint`} className="mt-1 text-xs text-slate-600">
            Kubernetes syntax: <code>key=value</code>, <code>key!=value</code>, <code>key in (a,b)</code>, <code>key</code>, <code>!key</code>; commas mean AND.
          </p>
        )}
      </div>

      {query.isPending ? (
        <TableSkeleton label="Loading apps…" columns={6} />
      ) : query.isError && !query.data ? (
        <LoadError title="The apps could not be loaded" error={query.error} onRetry={() => query.refetch()} />
      ) : !hasApps ? (
        applied ? (
          <EmptyState
            title="No app matches this selector"
            action={
              <Button variant="secondary" onClick={() => setText('')}>
                Clear filter
              </Button>
            }
          >
            No app of this project has labels matching <code className="font-mono">{applied}</code>.
          </EmptyState>
        ) : (
          <EmptyState title="No apps in this project yet" action={<ButtonLink href="/apps/new">Deploy your first app</ButtonLink>}>
            Deploy an app with labels such as <code className="font-mono">group=A</code>, then create tokens in the{' '}
            <strong>Tokens</strong> tab scoped to those labels.
          </EmptyState>
        )
      ) : (
        <>
          {query.isError && (
            <Alert tone="error" className="mb-3">
              Could not refresh the list: {errorMessage(query.error)}
            </Alert>
          )}
          <AppsTable apps={query.data?.apps ?? []} />
          <Pagination
            label="Apps pages"
            page={page}
            size={PAGE_SIZE}
            shown={query.data?.apps.length ?? 0}
            total={query.data?.total}
            hasNext={(page + 1) * PAGE_SIZE < (query.data?.total ?? 0)}
            onPage={setPage}
          />
        </>
      )}
    </section>
  );
}

function PlusIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5">
      <path d="M12 5v14M5 12h14" />
    </svg>
  );
}
