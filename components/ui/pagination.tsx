'use client';

import { Button } from './button';

/** Previous / Next with "1–20 of 43". `total` may be unknown: then Next depends on `hasNext`. */
export function Pagination({
  page,
  size,
  shown,
  total,
  hasNext,
  onPage,
  label,
}: {
  page: number;
  size: number;
  shown: number;
  total?: number;
  hasNext: boolean;
  onPage: (page: number) => void;
  label: string;
}) {
  if (page === 0 && !hasNext) return null;
  const from = shown === 0 ? 0 : page * size + 1;
  const to = page * size + shown;
  return (
    <nav aria-label={label} className="mt-3 flex items-center justify-between gap-3 text-sm text-slate-600">
      <p aria-live="polite">
        {from}–{to}
        {total !== undefined && ` of ${total}`}
      </p>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={page === 0} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={!hasNext} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
