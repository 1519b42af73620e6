'use client';

import { TrashIcon } from './icons';

/** The bin button at the end of an editable row (a label, an env var); `label` names it. `className`: where it sits in the row's grid. */
export function RemoveRowButton({ label, onClick, className }: { label: string; onClick: () => void; className?: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      onClick={onClick}
      className={`inline-flex h-[38px] w-10 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-brand-600${className ? ` ${className}` : ''}`}
    >
      <TrashIcon />
    </button>
  );
}
