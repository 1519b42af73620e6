import Link from 'next/link';
import type { ReactNode } from 'react';

/** A page title with optional breadcrumb back-link, description and actions. */
export function PageHeader({
  title,
  titleId,
  back,
  description,
  actions,
}: {
  title: ReactNode;
  titleId?: string;
  back?: { href: string; label: string };
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-5">
      {back && (
        <Link href={back.href} className="mb-2 inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="m15 18-6-6 6-6" />
          </svg>
          <span className="sr-only">Back to </span>
          {back.label}
        </Link>
      )}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={titleId} className="text-xl font-semibold break-words text-brand-900">
            {title}
          </h2>
          {description && <div className="mt-1 text-sm text-slate-600">{description}</div>}
        </div>
        {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
      </div>
    </div>
  );
}
