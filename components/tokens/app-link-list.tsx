'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import type { AppDto } from '@/lib/apps/app-dto';
import { StateBadge } from '@/components/state-badge';

/** How many apps show before "Show all": a glance, not a tab stop per app. */
export const SHOWN_APPS = 5;

/**
 * App names as links with their state, the first few only, and a "Show all N"
 * disclosure for the rest. The count that goes with it is the caller's (and
 * only the count is announced as it changes, not each link).
 */
export function AppLinkList({ apps, label }: { apps: AppDto[]; label: string }) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const shown = expanded ? apps : apps.slice(0, SHOWN_APPS);
  if (apps.length === 0) return null;
  return (
    <>
      <ul id={listId} aria-label={label} className="mt-1.5 space-y-1">
        {shown.map((app) => (
          <li key={app.id} className="flex flex-wrap items-center gap-2">
            <Link href={`/apps/${app.id}`} className="font-medium break-all text-brand-600 hover:underline">
              {app.spec.name}
            </Link>
            <StateBadge state={app.status.state} />
          </li>
        ))}
      </ul>
      {apps.length > SHOWN_APPS && (
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={listId}
          onClick={() => setExpanded(!expanded)}
          className="mt-1.5 text-sm font-medium text-brand-600 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {expanded ? 'Show fewer' : `Show all ${apps.length}`}
        </button>
      )}
    </>
  );
}
