import type { AppDto } from '@/lib/apps/app-dto';
import { formatDateTime } from '@/lib/panel/format-date';
import { StateBadge } from '@/components/state-badge';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { AccessUrl } from './access-url';
import { Detail } from './detail-item';
import { ReplicasMeter } from './replicas-meter';

/**
 * The app at a glance: URL, id, state (with what the runtime says it is doing,
 * or for an external app what its probe found), replicas and generation (for
 * an app Tollgate runs).
 */
export function AppOverview({ app, external = false }: { app: AppDto; external?: boolean }) {
  const { state, info } = app.status;
  return (
    <Card title="Overview" titleId="overview-heading">
      <AccessUrl url={app.status.url} signInHref={app.spec.allowPanelUsers && !app.spec.unsecureHttp ? `/apps/${app.id}/open` : undefined} />
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
        {/* A failed app's reason shows in the failure box instead. */}
        {info && state !== 'FAILED' && (
          <Detail term="Status" wide>
            <span className="break-words">{info}</span>
          </Detail>
        )}
        {!external && (
          <>
            <Detail term="Replicas">
              <ReplicasMeter replicas={app.status.replicas} />
            </Detail>
            <Detail term="Generation">{app.status.generation}</Detail>
          </>
        )}
        <Detail term="Region">{app.spec.region}</Detail>
        <Detail term="Unsecure HTTP">{app.spec.unsecureHttp ? 'On: anyone can query it' : 'Off: a token is required'}</Detail>
        {!app.spec.unsecureHttp && <Detail term="Panel members">{app.spec.allowPanelUsers ? 'May open it signed in' : 'Need a token'}</Detail>}
        <Detail term="Created">
          <time dateTime={app.createdAt}>{formatDateTime(app.createdAt)}</time>
        </Detail>
      </dl>
    </Card>
  );
}
