const COLOURS: Record<string, string> = {
  RUNNING: 'bg-green-100 text-green-800',
  QUEUED: 'bg-slate-100 text-slate-700',
  INITIALIZING: 'bg-blue-100 text-blue-800',
  STOPPING: 'bg-amber-100 text-amber-800',
  STOPPED: 'bg-slate-200 text-slate-700',
  FAILED: 'bg-red-100 text-red-800',
  DELETING: 'bg-amber-100 text-amber-800',
  DELETED: 'bg-slate-200 text-slate-500',
};

export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ${COLOURS[state] ?? COLOURS.QUEUED}`}>
      {state}
    </span>
  );
}
