import { TableSkeleton } from '@/components/ui/skeleton';

export default function PanelLoading() {
  return (
    <div>
      <div className="mb-5 h-7 w-40 animate-pulse rounded bg-slate-200" />
      <TableSkeleton label="Loading…" />
    </div>
  );
}
