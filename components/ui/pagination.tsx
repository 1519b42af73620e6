'use client';

import { useId } from 'react';
import { Button } from './button';

/**
 * Previous / Next with "1–20 of 43", and a page size when `sizes` is given.
 * `total` may be unknown: then Next depends on `hasNext`. At either end the
 * button is aria-disabled, not disabled, so pressing Next onto the last page
 * keeps the focus on it.
 */
export function Pagination({
  page,
  size,
  shown,
  total,
  hasNext,
  onPage,
  label,
  sizes,
  onSize,
}: {
  page: number;
  size: number;
  shown: number;
  total?: number;
  hasNext: boolean;
  onPage: (page: number) => void;
  label: string;
  sizes?: readonly number[];
  onSize?: (size: number) => void;
}) {
  const sizeId = useId();
  if (page === 0 && !hasNext && !sizes) return null;
  const from = shown === 0 ? 0 : page * size + 1;
  const to = page * size + shown;
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p aria-live="polite">
        {from}–{to}
        {total !== undefined && ` of ${total}`}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {sizes && onSize && (
          <>
            <label htmlFor={sizeId}>Per page</label>
            <select
              id={sizeId}
              value={size}
              onChange={(event) => onSize(Number(event.target.value))}
              className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              {sizes.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </>
        )}
        <Button variant="secondary" size="sm" unavailable={page === 0} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" unavailable={!hasNext} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
