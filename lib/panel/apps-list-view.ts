import type { AppDto } from '@/lib/apps/app-dto';
import { STATE_FILTERS, type AppsListParams, type SortKey } from './apps-list-params';

// What the Apps table shows from the project's apps (all fetched, up to a
// cap): searched by name or id, filtered by state, sorted, then one page of it.

/** Running first, then what moves, then what stopped or broke: the order a glance wants. */
const STATE_RANK: Record<string, number> = {
  RUNNING: 0,
  SCALING: 1,
  INITIALIZING: 2,
  QUEUED: 3,
  STOPPING: 4,
  STOPPED: 5,
  FAILED: 6,
  DELETING: 7,
  DELETED: 8,
};

const byName = (a: AppDto, b: AppDto) => a.spec.name.localeCompare(b.spec.name, 'en', { sensitivity: 'base', numeric: true });
const byCreated = (a: AppDto, b: AppDto) => a.createdAt.localeCompare(b.createdAt);
const COMPARE: Record<SortKey, (a: AppDto, b: AppDto) => number> = {
  name: byName,
  created: byCreated,
  state: (a, b) => (STATE_RANK[a.status.state] ?? 99) - (STATE_RANK[b.status.state] ?? 99),
};

export interface AppsListView {
  /** The apps on the page asked for. */
  apps: AppDto[];
  /** How many match the search and state filter. */
  matching: number;
  /** The page shown: the one asked for, or the last one when fewer remain. */
  page: number;
  pageCount: number;
}

export function matchesSearch(app: AppDto, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return app.spec.name.toLowerCase().includes(needle) || app.id.toLowerCase().includes(needle);
}

export function appsListView(all: readonly AppDto[], params: AppsListParams): AppsListView {
  const states: readonly string[] | null = params.state === 'any' ? null : STATE_FILTERS[params.state].states;
  const kept = all.filter((app) => matchesSearch(app, params.q) && (states === null || states.includes(app.status.state)));
  const direction = params.order === 'asc' ? 1 : -1;
  // Ties keep a stable order (name, then id), so rows don't swap places on each refresh.
  const sorted = [...kept].sort((a, b) => direction * COMPARE[params.sort](a, b) || byName(a, b) || a.id.localeCompare(b.id));
  const pageCount = Math.max(1, Math.ceil(sorted.length / params.size));
  const page = Math.min(params.page, pageCount - 1);
  return { apps: sorted.slice(page * params.size, (page + 1) * params.size), matching: sorted.length, page, pageCount };
}
