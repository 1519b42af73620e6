import type { SortKey, SortOrder } from '@/lib/panel/apps-list-params';

/** A column header that sorts (aria-sort on the header, a button inside it, as WAI-ARIA's sortable table). */
export function SortHeader({
  label,
  column,
  sort,
  order,
  onSort,
  className = '',
}: {
  label: string;
  column: SortKey;
  sort: SortKey;
  order: SortOrder;
  onSort: (key: SortKey) => void;
  className?: string;
}) {
  const active = sort === column;
  return (
    <th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined} className={`px-2 py-1.5 font-semibold whitespace-nowrap ${className}`}>
      <button
        type="button"
        onClick={() => onSort(column)}
        className="inline-flex items-center gap-1 rounded px-2 py-1.5 hover:bg-slate-200/60 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {label}
        <svg aria-hidden="true" viewBox="0 0 24 24" className={`h-3.5 w-3.5 ${active ? 'text-slate-900' : 'text-slate-400'}`} fill="none" stroke="currentColor" strokeWidth="2.5">
          {active ? <path d={order === 'asc' ? 'm6 15 6-6 6 6' : 'm6 9 6 6 6-6'} /> : <path d="m7 9 5-5 5 5M7 15l5 5 5-5" />}
        </svg>
      </button>
    </th>
  );
}
