'use client';

import type { AppDto } from '@/lib/apps/app-dto';
import { useAppList } from './app-queries';

// The apps a token with this selector and region reaches now, from the apps
// list API (the same selector parser and matcher as the gateway) filtered to
// the region. The gateway's own rule (authorize) also checks each request's
// expiry, allowed IPs and role; this is the scope half of it.

/** The API's largest page: the preview counts every app of a project up to this many. */
export const REACH_PAGE_SIZE = 1000;

export interface Reach {
  apps: AppDto[];
  /** Apps the selector matches in other regions: out of reach. */
  otherRegions: number;
  /** More apps match than one page holds: the counts are a lower bound. */
  truncated: boolean;
}

export function reachOf(apps: readonly AppDto[], total: number, region: string): Reach {
  const inRegion = apps.filter((app) => app.spec.region.toUpperCase() === region.toUpperCase());
  return { apps: inRegion, otherRegions: apps.length - inRegion.length, truncated: total > apps.length };
}

export function useTokenReach(selector: string, region: string, enabled = true) {
  const query = useAppList(selector, 0, REACH_PAGE_SIZE, enabled);
  return { query, reach: query.data ? reachOf(query.data.apps, query.data.total, region) : null };
}
