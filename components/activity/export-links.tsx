import { EXPORT_LIMIT, exportHref, type ActivityFilters } from '@/lib/panel/activity-filters';
import { buttonClass } from '@/components/ui/button';

/**
 * Export JSON / Export CSV: plain links to GET /v1/audit with the filters
 * shown (the browser sends the session and project cookies), so the file is
 * the API's own answer, the CSV with its formulas defused.
 */
export function ExportLinks({ filters, total }: { filters: ActivityFilters; total: number | null }) {
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <a href={exportHref(filters, 'json')} download="tollgate-activity.json" className={buttonClass('secondary', 'sm')}>
          Export JSON
        </a>
        <a href={exportHref(filters, 'csv')} download="tollgate-activity.csv" className={buttonClass('secondary', 'sm')}>
          Export CSV
        </a>
      </div>
      {total !== null && total > EXPORT_LIMIT && (
        <p className="text-xs text-slate-600">The files hold the newest {EXPORT_LIMIT.toLocaleString('en')} of these events.</p>
      )}
    </div>
  );
}
