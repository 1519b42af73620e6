'use client';

import { useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { ApiRequestError, errorMessage } from '@/lib/panel/api-client';
import { useApp, useAppLifecycle } from '@/lib/panel/app-queries';
import { canStart, canStop } from '@/lib/panel/app-states';
import type { RolloutWatch } from '@/lib/panel/rollout';
import { StateBadge } from '@/components/state-badge';
import { LoadError } from '@/components/ui/load-error';
import { DismissibleError } from '@/components/ui/dismissible-error';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { BlockSkeleton } from '@/components/ui/skeleton';
import { AppFailure } from './app-failure';
import { AppHistory } from './app-history';
import { AppOverview } from './app-overview';
import { AppRuntime } from './app-runtime';
import { AppTags } from './app-tags';
import { RolloutStatus } from './rollout-status';

const ACTION_NAMES = { start: 'start', stop: 'stop', delete: 'delete' } as const;

/**
 * An app's details: lifecycle buttons and Edit, access URL above the Tags,
 * what runs, why it failed, state history, and the server-rendered "Tokens
 * with access" panel (`access`), refreshed whenever a label changes. After an
 * Edit (`rollout`: the generation it made), the rollout is followed live.
 */
export function AppDetails({ id, access, rollout }: { id: string; access: ReactNode; rollout: number | null }) {
  const router = useRouter();
  // Counted from when this page opened: the Edit was answered just before.
  const [opened] = useState<RolloutWatch | null>(() => (rollout === null ? null : { generation: rollout, since: Date.now() }));
  // Dismissing drops ?rollout from the address, and with it the banner.
  const watch = opened && opened.generation === rollout ? opened : null;
  const query = useApp(id, watch);
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
            {deleting ? (
              <Button variant="secondary" disabled>
                Edit
              </Button>
            ) : (
              <ButtonLink variant="secondary" href={`/apps/${app.id}/edit`}>
                Edit
              </ButtonLink>
            )}
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

      {watch && (
        <RolloutStatus app={app} watch={watch} checkedAt={query.dataUpdatedAt} onDismiss={() => router.replace(`/apps/${app.id}`, { scroll: false })} />
      )}

      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-5">
          <AppFailure app={app} />
          <AppOverview app={app} />
          <AppRuntime app={app} />
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
