'use client';

import { errorMessage } from '@/lib/panel/api-client';
import { useTokenReach } from '@/lib/panel/token-reach';
import { AppLinkList } from './app-link-list';

/** "3 apps in GRA match now", "At least 1000 …" when the page could not hold them all. */
export function countText(count: number, region: string, truncated: boolean): string {
  if (count === 0) return `No app in ${region} matches now.`;
  if (truncated) return `At least ${count} apps in ${region} match now`;
  return count === 1 ? `1 app in ${region} matches now` : `${count} apps in ${region} match now`;
}

/**
 * New Token's preview: how many apps a token with this selector and region
 * would reach right now, the first few by name. Only the count is a live
 * region: a screen reader hears "3 apps in GRA match now" as the selector
 * settles, not every name.
 */
export function MatchingApps({ id, selector, region }: { id: string; selector: string; region: string }) {
  const { query, reach } = useTokenReach(selector, region);

  return (
    <div id={id} className="mt-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2.5 text-sm">
      <p role="status" className="font-medium text-slate-900">
        {query.isPending
          ? 'Looking for matching apps…'
          : query.isError
            ? ''
            : reach && countText(reach.apps.length, region, reach.truncated) + (reach.apps.length > 0 ? ':' : '')}
      </p>
      {query.isError && <p className="text-red-700">Could not list the matching apps: {errorMessage(query.error)}</p>}
      {reach && (
        <>
          <AppLinkList apps={reach.apps} label="Matching apps" />
          {reach.otherRegions > 0 && (
            <p className="mt-1.5 text-xs text-slate-600">
              {reach.otherRegions} matching app{reach.otherRegions === 1 ? ' is' : 's are'} in another region and stay
              {reach.otherRegions === 1 ? 's' : ''} out of reach.
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
