'use client';

import Link from 'next/link';
import { errorMessage } from '@/lib/panel/api-client';
import { useAppList } from '@/lib/panel/app-queries';
import { StateBadge } from '@/components/state-badge';

const PREVIEW_SIZE = 100;

/**
 * The apps a token with this selector and region would reach right now. The
 * API matches the selector (the same parser and matcher as the gateway); the
 * region is the token's other half of the scope.
 */
export function MatchingApps({ id, selector, region }: { id: string; selector: string; region: string }) {
  const query = useAppList(selector, 0, PREVIEW_SIZE);
  const apps = (query.data?.apps ?? []).filter((app) => app.spec.region.toUpperCase() === region.toUpperCase());
  const otherRegions = (query.data?.apps.length ?? 0) - apps.length;

  return (
    <div id={id} aria-live="polite" className="mt-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2.5 text-sm">
      {query.isPending ? (
        <p className="text-slate-600">Looking for matching apps…</p>
      ) : query.isError ? (
        <p className="text-red-700">Could not list the matching apps: {errorMessage(query.error)}</p>
      ) : (
        <>
          <p className="font-medium text-slate-900">
            {apps.length === 0
              ? `No app in ${region} matches ${selector ? 'this selector' : ''} now.`
              : `${apps.length} app${apps.length === 1 ? '' : 's'} in ${region} match${apps.length === 1 ? 'es' : ''} now:`}
          </p>
          {apps.length > 0 && (
            <ul aria-label="Matching apps" className="mt-1.5 space-y-1">
              {apps.map((app) => (
                <li key={app.id} className="flex flex-wrap items-center gap-2">
                  <Link href={`/apps/${app.id}`} className="font-medium text-brand-600 hover:underline">
                    {app.spec.name}
                  </Link>
                  <StateBadge state={app.status.state} />
                </li>
              ))}
            </ul>
          )}
          {otherRegions > 0 && (
            <p className="mt-1.5 text-xs text-slate-600">
              {otherRegions} matching app{otherRegions === 1 ? ' is' : 's are'} in another region and stay{otherRegions === 1 ? 's' : ''} out of
              reach.
            </p>
          )}
          <p className="mt-1.5 text-xs text-slate-600">
            Apps created later that match {selector ? 'this selector' : 'it'} are covered too: the scope is checked on every request.
          </p>
        </>
      )}
    </div>
  );
}
