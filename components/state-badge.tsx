import type { AppState } from '@/lib/db/generated/enums';
import { isTransitional } from '@/lib/panel/app-states';

const COLOURS: Record<AppState, { badge: string; dot: string }> = {
  RUNNING: { badge: 'bg-green-50 text-green-800 ring-green-600/20', dot: 'bg-green-500' },
  SCALING: { badge: 'bg-blue-50 text-blue-800 ring-blue-600/20', dot: 'bg-blue-500' },
  QUEUED: { badge: 'bg-slate-50 text-slate-700 ring-slate-500/20', dot: 'bg-slate-400' },
  INITIALIZING: { badge: 'bg-blue-50 text-blue-800 ring-blue-600/20', dot: 'bg-blue-500' },
  STOPPING: { badge: 'bg-amber-50 text-amber-800 ring-amber-600/20', dot: 'bg-amber-500' },
  STOPPED: { badge: 'bg-slate-100 text-slate-700 ring-slate-500/20', dot: 'bg-slate-500' },
  FAILED: { badge: 'bg-red-50 text-red-800 ring-red-600/20', dot: 'bg-red-500' },
  DELETING: { badge: 'bg-amber-50 text-amber-800 ring-amber-600/20', dot: 'bg-amber-500' },
  DELETED: { badge: 'bg-slate-100 text-slate-500 ring-slate-500/20', dot: 'bg-slate-400' },
};

/** An app's state as a coloured badge; the dot pulses while the state is on its way somewhere. */
export function StateBadge({ state }: { state: AppState }) {
  const colour = COLOURS[state];
  const moving = isTransitional(state);
  return (
    <span
      data-state={state}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-semibold tracking-wide ring-1 ring-inset ${colour.badge}`}
    >
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${colour.dot} ${moving ? 'animate-pulse' : ''}`} />
      {state}
    </span>
  );
}
