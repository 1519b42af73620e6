'use client';

import { useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { ApiRequestError, errorMessage } from '@/lib/panel/api-client';
import { useApp, useAppLifecycle } from '@/lib/panel/app-queries';
import { canStart, canStop } from '@/lib/panel/app-states';
import { formatDateTime } from '@/lib/panel/format-date';
import { StateBadge } from '@/components/state-badge';
import { LoadError } from '@/components/ui/load-error';
import { DismissibleError } from '@/components/ui/dismissible-error';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { BlockSkeleton } from '@/components/ui/skeleton';
import { AccessUrl } from './access-url';
import { AppHistory } from './app-history';
import { AppTags } from './app-tags';

const ACTION_NAMES = { start: 'start', stop: 'stop', delete: 'delete' } as const;

/**
 * An app's details: lifecycle buttons, access URL above the Tags, state
 * history, and the server-rendered "Tokens with access" panel (`access`),
 * refreshed whenever a label changes.
 */
export function AppDetails({ id, access }: { id: string; access: ReactNode }) {
  const router = useRouter();
  const query = useApp(id);
  const lifecycle = useAppLifecycle(id);
  const [confirmDelete, setConfirmDelete] = useState(false);

  if (query.isPending) {
    return (
      <div className="space-y-4">
        <BlockSkeleton label="Loading the app…" className="h-20" />
        <BlockSkeleton label="" className="h-40" />
      </div>
    );
  }
  if (query.isError) {
    const gone = query.error instanceof ApiRequestError && query.error.status === 404;
    return gone ? (
      <EmptyState title="This app does not exist" action={<ButtonLink href="/apps">Back to apps</ButtonLink>}>
        It may have been deleted, or it belongs to a project you are not a member of.
      </EmptyState>
    ) : (
      <LoadError title="The app could not be loaded" error={query.error} onRetry={() => query.refetch()} />
    );
  }

  const app = query.data;
  const state = app.status.state;
  const busy = lifecycle.isPending;
  const deleting = state === 'DELETING' || state === 'DELETED';

  function deleteApp() {
    lifecycle.mutate('delete', {
      onSuccess: () => {
        setConfirmDelete(false);
        router.push('/apps');
      },
      onError: () => setConfirmDelete(false),
    });
  }

  return (
    <div>
      <PageHeader
        title={app.spec.name}
        back={{ href: '/apps', label: 'Apps' }}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StateBadge state={state} />
            <span className="font-mono text-xs">{app.spec.image}</span>
          </span>
        }
        actions={
          <>
            <Button variant="secondary" onClick={() => lifecycle.mutate('start')} disabled={busy || !canStart(state)}>
              Start
            </Button>
            <Button variant="secondary" onClick={() => lifecycle.mutate('stop')} disabled={busy || !canStop(state)}>
              Stop
            </Button>
            <Button variant="danger" onClick={() => setConfirmDelete(true)} disabled={busy || deleting}>
              Delete
            </Button>
          </>
        }
      />

      {lifecycle.isError && (
        <DismissibleError className="mb-4" onDismiss={() => lifecycle.reset()}>
          Could not {lifecycle.variables ? ACTION_NAMES[lifecycle.variables] : 'change'} the app: {errorMessage(lifecycle.error)}
        </DismissibleError>
      )}

      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-5">
          <Card title="Overview" titleId="overview-heading">
            <AccessUrl url={app.status.url} />
            <dl className="mt-5 grid gap-x-6 gap-y-3 border-t border-slate-100 pt-4 text-sm sm:grid-cols-2">
              <Detail term="ID">
                <span className="inline-flex items-center gap-2">
                  <span className="font-mono text-xs break-all">{app.id}</span>
                  <CopyButton text={app.id} label="Copy app ID" />
                </span>
              </Detail>
              <Detail term="State">
                <span aria-live="polite">
                  <StateBadge state={state} />
                </span>
              </Detail>
              <Detail term="Region">{app.spec.region}</Detail>
              <Detail term="Port">{app.spec.defaultHttpPort}</Detail>
              <Detail term="Unsecure HTTP">{app.spec.unsecureHttp ? 'On: anyone can query it' : 'Off: a token is required'}</Detail>
              <Detail term="Created">
                <time dateTime={app.createdAt}>{formatDateTime(app.createdAt)}</time>
              </Detail>
            </dl>
          </Card>
          <AppTags appId={app.id} labels={app.spec.labels} onChanged={() => router.refresh()} />
        </div>
        <div className="min-w-0 space-y-5">
          {access}
          <Card title="State history" titleId="history-heading">
            <AppHistory history={app.status.history} />
          </Card>
        </div>
      </div>

      <Dialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        role="alertdialog"
        title={`Delete ${app.spec.name}?`}
        description="The app stops and is removed for good. Tokens scoped to it stay, with one app less to reach."
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmDelete(false)} data-autofocus>
              Cancel
            </Button>
            <Button variant="danger" onClick={deleteApp} pending={lifecycle.isPending && lifecycle.variables === 'delete'}>
              Delete
            </Button>
          </>
        }
      />
    </div>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{term}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
