import type { AppDto } from '@/lib/apps/app-dto';
import { formatDateTime } from '@/lib/panel/format-date';
import { StateBadge } from '@/components/state-badge';

/** The app's states, newest first, with the time each began. */
export function AppHistory({ history }: { history: AppDto['status']['history'] }) {
  if (history.length === 0) return <p className="text-sm text-slate-600">No state changes recorded yet.</p>;
  const newestFirst = [...history].reverse();
  return (
    <ol aria-label="State history" className="relative space-y-3 border-l border-slate-200 pl-4">
      {newestFirst.map((entry, index) => (
        <li key={`${entry.date}-${entry.state}-${index}`} className="relative">
          <span aria-hidden="true" className="absolute top-1.5 -left-[21px] h-2.5 w-2.5 rounded-full border-2 border-white bg-slate-400" />
          <div className="flex flex-wrap items-center gap-2">
            <StateBadge state={entry.state} />
            <time dateTime={entry.date} className="text-xs text-slate-600">
              {formatDateTime(entry.date)}
            </time>
          </div>
          {entry.reason && <p className="mt-1 text-xs break-words text-slate-600">{entry.reason}</p>}
        </li>
      ))}
    </ol>
  );
}
