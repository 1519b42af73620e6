// The Apps list's view as the address bar holds it, so a reload or a shared
// link shows the same page: `?q=&state=&sort=&order=&page=&size=&labelSelector=`.
// Defaults are left out of the address; anything unreadable falls back to them.

export const SORT_KEYS = ['name', 'state', 'created'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

/** The state filter's choices: the states an operator thinks in, each a set of API states. */
export const STATE_FILTERS = {
  running: { label: 'Running', states: ['RUNNING', 'SCALING'] },
  starting: { label: 'Starting', states: ['QUEUED', 'INITIALIZING'] },
  stopping: { label: 'Stopping', states: ['STOPPING'] },
  stopped: { label: 'Stopped', states: ['STOPPED'] },
  failed: { label: 'Failed', states: ['FAILED'] },
  deleting: { label: 'Deleting', states: ['DELETING'] },
} as const satisfies Record<string, { label: string; states: readonly string[] }>;
export type StateFilter = keyof typeof STATE_FILTERS | 'any';

export const PAGE_SIZES = [10, 20, 50, 100] as const;

export interface AppsListParams {
  labelSelector: string;
  q: string;
  state: StateFilter;
  sort: SortKey;
  order: SortOrder;
  /** 0-based here; 1-based in the address, as people count pages. */
  page: number;
  size: number;
}

export const DEFAULT_PARAMS: AppsListParams = { labelSelector: '', q: '', state: 'any', sort: 'name', order: 'asc', page: 0, size: 20 };

type Raw = Record<string, string | string[] | undefined> | URLSearchParams;

function read(raw: Raw, key: string): string | undefined {
  if (raw instanceof URLSearchParams) return raw.get(key) ?? undefined;
  const value = raw[key];
  return typeof value === 'string' ? value : undefined;
}

export function parseAppsListParams(raw: Raw): AppsListParams {
  const state = read(raw, 'state');
  const sort = read(raw, 'sort');
  const order = read(raw, 'order');
  const page = Number(read(raw, 'page'));
  const size = Number(read(raw, 'size'));
  return {
    labelSelector: read(raw, 'labelSelector') ?? '',
    q: read(raw, 'q') ?? '',
    state: state !== undefined && state in STATE_FILTERS ? (state as StateFilter) : 'any',
    sort: SORT_KEYS.includes(sort as SortKey) ? (sort as SortKey) : DEFAULT_PARAMS.sort,
    order: order === 'asc' || order === 'desc' ? order : defaultOrder(SORT_KEYS.includes(sort as SortKey) ? (sort as SortKey) : DEFAULT_PARAMS.sort),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page - 1 : 0,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PARAMS.size,
  };
}

/** Newest first is what "created" means to most people; names and states read A to Z. */
export function defaultOrder(sort: SortKey): SortOrder {
  return sort === 'created' ? 'desc' : 'asc';
}

/** The address's query for `params`, defaults left out. */
export function appsListSearch(params: AppsListParams): string {
  const search = new URLSearchParams();
  if (params.labelSelector) search.set('labelSelector', params.labelSelector);
  if (params.q) search.set('q', params.q);
  if (params.state !== 'any') search.set('state', params.state);
  if (params.sort !== DEFAULT_PARAMS.sort || params.order !== defaultOrder(params.sort)) {
    search.set('sort', params.sort);
    search.set('order', params.order);
  }
  if (params.page > 0) search.set('page', String(params.page + 1));
  if (params.size !== DEFAULT_PARAMS.size) search.set('size', String(params.size));
  return search.toString();
}
