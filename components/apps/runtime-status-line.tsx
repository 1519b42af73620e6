import type { RuntimeStatus } from '@/lib/runtime/get-runtime-status';
import { formatDateTime } from '@/lib/panel/format-date';

/** "Apps run on docker · controller: host:123 (this instance) since …": which instance drives the apps. */
export function RuntimeStatusLine({ status }: { status: RuntimeStatus }) {
  const { leader } = status;
  return (
    <p className="mt-6 text-xs text-slate-600" data-testid="runtime-status">
      Apps run on <strong className="font-semibold">{status.runtime ?? 'an unknown runtime'}</strong>
      {' · '}
      {leader ? (
        <>
          controller on <code>{leader.instance}</code>
          {leader.isThisInstance ? ' (this instance)' : ''} since <time dateTime={leader.since}>{formatDateTime(leader.since)}</time>
          {leader.stale ? ' — not heard from lately; another instance takes over within seconds' : ''}
        </>
      ) : (
        'no instance runs the controller yet'
      )}
    </p>
  );
}
