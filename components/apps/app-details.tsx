'use client';

import { useState, type ReactNode } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useApp } from '@/lib/panel/app-queries';
import { externalFieldsOf } from '@/lib/panel/external-app';
import type { RolloutWatch } from '@/lib/panel/rollout';
import { StateBadge } from '@/components/state-badge';
import { RecordLoadError } from '@/components/ui/load-error';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { DetailSkeleton } from '@/components/ui/skeleton';
import { TabList, TabPanel } from '@/components/ui/tabs';
import { AppActions } from './app-actions';
import { BreakableText } from '@/components/ui/breakable-text';
import { AppFailure } from './app-failure';
import { AppHistory } from './app-history';
import { AppOverview } from './app-overview';
import { AppRuntime } from './app-runtime';
import { AppLabels } from './app-labels';
import { AppUpstream } from './app-upstream';
import { AppLogs } from './logs/app-logs';
import { RolloutStatus } from './rollout-status';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'logs', label: 'Logs' },
] as const;

export type AppTab = (typeof TABS)[number]['id'];

/** The tab `?tab=` names; Overview for anything else. */
export function tabOf(value: string | null): AppTab {
  return TABS.find((tab) => tab.id === value)?.id ?? 'overview';
}

/**
 * An app's details: lifecycle buttons and Edit above two tabs (the address
 * says which: `?tab=logs`). Overview: access URL above the Labels, what runs
 * (or, for an external app, the upstream it gates), why it failed, state
 * history, and the server-rendered "Tokens with access" panel (`access`),
 * refreshed whenever a label changes. Logs: the app's output, live. After an
 * Edit (`rollout`: the generation it made), the rollout is followed live.
 */
export function AppDetails({ id, access, rollout }: { id: string; access: ReactNode; rollout: number | null }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const tab = tabOf(searchParams.get('tab'));
  // Counted from when this page opened: the Edit was answered just before.
  const [opened] = useState<RolloutWatch | null>(() => (rollout === null ? null : { generation: rollout, since: Date.now() }));
  // Dismissing drops ?rollout from the address, and with it the banner.
  const watch = opened && opened.generation === rollout ? opened : null;
  const query = useApp(id, watch);

  if (query.isPending) {
    return <DetailSkeleton label="Loading the app…" bodyClassName="h-40" />;
  }
  if (query.isError) {
    return <RecordLoadError noun="app" back={{ href: '/apps', label: 'Back to apps' }} error={query.error} onRetry={() => query.refetch()} />;
  }

  const app = query.data;
  const external = externalFieldsOf(app);
  const state = app.status.state;

  /** The address with `?tab=` changed (and `?rollout` dropped when asked); Back returns to the previous tab. */
  function addressWith(change: { tab?: AppTab; dropRollout?: boolean }): string {
    const params = new URLSearchParams(searchParams.toString());
    const nextTab = change.tab ?? tab;
    if (nextTab === 'overview') params.delete('tab');
    else params.set('tab', nextTab);
    if (change.dropRollout) params.delete('rollout');
    const query = params.toString();
    return `/apps/${app.id}${query ? `?${query}` : ''}`;
  }

  return (
    <div>
      <PageHeader
        title={app.spec.name}
        back={{ href: '/apps', label: 'Apps' }}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StateBadge state={state} />
            <BreakableText className="font-mono text-xs" text={external ? external.upstreamUrl : (app.spec.image ?? '')} />
          </span>
        }
        actions={<AppActions app={app} external={external !== null} />}
      />

      {watch && (
        <RolloutStatus app={app} watch={watch} checkedAt={query.dataUpdatedAt} onDismiss={() => router.replace(addressWith({ dropRollout: true }), { scroll: false })} />
      )}

      <div className="mb-5">
        <TabList label="App sections" prefix="app" tabs={TABS} selected={tab} onSelect={(next) => window.history.pushState(null, '', addressWith({ tab: next }))} />
      </div>

      {tab === 'overview' ? (
        <TabPanel prefix="app" id="overview" className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-5">
            <AppFailure app={app} />
            <AppOverview app={app} external={external !== null} />
            {external ? <AppUpstream app={app} external={external} /> : <AppRuntime app={app} />}
            <AppLabels appId={app.id} appName={app.spec.name} labels={app.spec.labels} onChanged={() => router.refresh()} />
          </div>
          <div className="min-w-0 space-y-5">
            {access}
            <Card title="State history" titleId="history-heading">
              <AppHistory history={app.status.history} />
            </Card>
          </div>
        </TabPanel>
      ) : (
        <TabPanel prefix="app" id="logs">
          {external ? (
            <EmptyState title="Tollgate does not run this app">
              An external app prints its output where it runs, at <span className="font-mono break-all">{external.upstreamUrl}</span>. Why Tollgate
              cannot reach it shows on the Overview, under Status.
            </EmptyState>
          ) : (
            <AppLogs app={app} />
          )}
        </TabPanel>
      )}

    </div>
  );
}
