'use client';

import type { AppDto } from '@/lib/apps/app-dto';
import { ROLLOUT_FOLLOW_MS, rolloutPhase, type RolloutWatch } from '@/lib/panel/rollout';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/button';
import { StateBadge } from '@/components/state-badge';
import { ReplicasMeter } from './replicas-meter';

/**
 * After an Edit: where the new generation's rollout stands, updated as the
 * page polls (a polite live region, so it is heard without stealing focus).
 * `checkedAt` is when the app was last read.
 */
export function RolloutStatus({ app, watch, checkedAt, onDismiss }: { app: AppDto; watch: RolloutWatch; checkedAt: number; onDismiss: () => void }) {
  const phase = rolloutPhase(app, watch);
  const { generation, state, info, replicas } = app.status;
  const dismiss = (
    <button type="button" onClick={onDismiss} className="text-sm font-medium underline underline-offset-2 hover:no-underline">
      Dismiss
    </button>
  );

  if (phase === 'progressing') {
    const stale = checkedAt - watch.since >= ROLLOUT_FOLLOW_MS;
    return (
      <Alert tone="info" live title={`Rolling out generation ${watch.generation}`} className="mb-4">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          {!stale && <Spinner className="h-4 w-4 text-brand-600" />}
          <StateBadge state={state} />
          <ReplicasMeter replicas={replicas} />
        </div>
        {info && <p className="mt-1 break-words">{info}</p>}
        {stale && <p className="mt-1">Still not done after {ROLLOUT_FOLLOW_MS / 60_000} minutes; the page stopped checking. Reload to check again.</p>}
      </Alert>
    );
  }
  if (phase === 'done') {
    return (
      <Alert tone="success" live title={`Generation ${watch.generation} is running`} action={dismiss} className="mb-4">
        <ReplicasMeter replicas={replicas} />
      </Alert>
    );
  }
  if (phase === 'failed') {
    return (
      <Alert tone="error" title={`Generation ${watch.generation} did not start`} action={dismiss} className="mb-4">
        {info ?? 'See the reason and the app’s last output below.'}
      </Alert>
    );
  }
  return (
    <Alert tone="warning" live action={dismiss} className="mb-4">
      {phase === 'superseded'
        ? `A newer change (generation ${generation}) replaced generation ${watch.generation}.`
        : `The app is ${state.toLowerCase()}: generation ${watch.generation} runs the next time it starts.`}
    </Alert>
  );
}
