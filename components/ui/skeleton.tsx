/** Placeholder rows while a table loads; announced once as "Loading …". */
export function TableSkeleton({ label, rows = 4, columns = 5 }: { label: string; rows?: number; columns?: number }) {
  return (
    <div role="status" aria-live="polite" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <span className="sr-only">{label}</span>
      <div className="h-10 border-b border-slate-200 bg-slate-50" />
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="flex gap-6 border-b border-slate-100 px-4 py-4 last:border-0">
          {Array.from({ length: columns }, (_, col) => (
            <div key={col} className={`h-3 flex-1 animate-pulse rounded bg-slate-200 ${col === 0 ? 'max-w-48' : 'max-w-32'}`} />
          ))}
        </div>
      ))}
    </div>
  );
}

export function BlockSkeleton({ label, className = 'h-32' }: { label: string; className?: string }) {
  return (
    <div role="status" aria-live="polite" className={`animate-pulse rounded-lg border border-slate-200 bg-white ${className}`}>
      <span className="sr-only">{label}</span>
    </div>
  );
}

/** A detail page while its record loads: the header's block, then the body's (`bodyClassName`: its height). */
export function DetailSkeleton({ label, bodyClassName }: { label: string; bodyClassName: string }) {
  return (
    <div className="space-y-4">
      <BlockSkeleton label={label} className="h-20" />
      <BlockSkeleton label="" className={bodyClassName} />
    </div>
  );
}
