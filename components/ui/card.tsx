import type { ReactNode } from 'react';

/** A white panel with a heading, the Control Panel's basic block. */
export function Card({
  title,
  titleId,
  actions,
  children,
  className = '',
}: {
  title: ReactNode;
  titleId?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section aria-labelledby={titleId} className={`rounded-lg border border-slate-200 bg-white shadow-sm ${className}`}>
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
        <h3 id={titleId} className="text-base font-semibold text-brand-900">
          {title}
        </h3>
        {actions}
      </div>
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}
