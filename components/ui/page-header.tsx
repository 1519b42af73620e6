'use client';

import Link from 'next/link';
import { useEffect, useRef, type ReactNode } from 'react';

// Set once the first page of this tab has rendered: only later pages (reached
// inside the panel) may take the focus; a fresh load starts at the top.
let arrived = false;

/**
 * A page title with optional breadcrumb back-link, description and actions.
 * After a navigation that left the focus nowhere (the button that navigated
 * is gone: Delete, Deploy, a project switch), the title takes it, so keyboard
 * and screen reader users start on the new page, not on <body>.
 */
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
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (arrived && lost) heading.current?.focus();
    arrived = true;
  }, []);
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
          <h2 ref={heading} id={titleId} tabIndex={-1} className="text-xl font-semibold break-words text-brand-900 outline-none">
            {title}
          </h2>
          {description && <div className="mt-1 text-sm text-slate-600">{description}</div>}
        </div>
        {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
      </div>
    </div>
  );
}
