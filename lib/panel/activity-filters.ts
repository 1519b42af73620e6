// The Activity page's filters and paging, as its address holds them
// (/activity?token=…&action=token&page=2&size=50), and as GET /v1/audit takes
// them. The address counts pages from 1, as people do; the API from 0.

export const ACTIVITY_PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_ACTIVITY_PAGE_SIZE = 50;
/** The API's largest page: what one export holds. */
export const EXPORT_LIMIT = 1000;

export interface ActivityFilters {
  token: string | null;
  app: string | null;
  /** An action (`token.regenerate`) or a family (`token`, `app.label`). */
  action: string | null;
  /** The user or token that acted. */
  actor: string | null;
  /** From 0. */
  page: number;
  size: number;
}

export const NO_FILTERS: ActivityFilters = { token: null, app: null, action: null, actor: null, page: 0, size: DEFAULT_ACTIVITY_PAGE_SIZE };

/** The Action filter's choices: families first, then the actions in them. */
export const ACTION_GROUPS: { label: string; options: { value: string; label: string }[] }[] = [
  {
    label: 'Tokens',
    options: [
      { value: 'token', label: 'Any token change' },
      { value: 'token.create', label: 'Token created' },
      { value: 'token.regenerate', label: 'Token regenerated' },
      { value: 'token.delete', label: 'Token deleted' },
    ],
  },
  {
    label: 'Apps',
    options: [
      { value: 'app', label: 'Any app change' },
      { value: 'app.create', label: 'App created' },
      { value: 'app.update', label: 'App updated' },
      { value: 'app.start', label: 'App started' },
      { value: 'app.stop', label: 'App stopped' },
      { value: 'app.scale', label: 'App scaled' },
      { value: 'app.delete', label: 'App deleted' },
      { value: 'app.label', label: 'Label set or removed' },
    ],
  },
  { label: 'Project', options: [{ value: 'project', label: 'Project created' }] },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z]+(\.[a-z]+)*$/;

function single(params: URLSearchParams, key: string, valid: RegExp): string | null {
  const value = params.get(key)?.trim() ?? '';
  return valid.test(value) ? value.toLowerCase() : null;
}

/** The filters an address names; anything the API would refuse is dropped rather than shown as an error page. */
export function filtersFromParams(params: URLSearchParams): ActivityFilters {
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  return {
    token: single(params, 'token', UUID),
    app: single(params, 'app', UUID),
    action: single(params, 'action', ACTION),
    actor: single(params, 'actor', UUID),
    page: Number.isInteger(page) && page >= 1 ? page - 1 : 0,
    size: (ACTIVITY_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_ACTIVITY_PAGE_SIZE,
  };
}

/** The page's own address for `filters` (defaults left out, so a plain /activity stays plain). */
export function activityHref(filters: ActivityFilters): string {
  const params = new URLSearchParams();
  for (const key of ['token', 'app', 'action', 'actor'] as const) if (filters[key]) params.set(key, filters[key]);
  if (filters.page > 0) params.set('page', String(filters.page + 1));
  if (filters.size !== DEFAULT_ACTIVITY_PAGE_SIZE) params.set('size', String(filters.size));
  const query = params.toString();
  return query ? `/activity?${query}` : '/activity';
}

function apiParams(filters: ActivityFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['token', 'app', 'action', 'actor'] as const) if (filters[key]) params.set(key, filters[key]);
  return params;
}

/** GET /v1/audit for one page of the filtered trail. */
export function auditPath(filters: ActivityFilters): string {
  const params = apiParams(filters);
  params.set('page', String(filters.page));
  params.set('size', String(filters.size));
  return `/v1/audit?${params}`;
}

/** The newest EXPORT_LIMIT events the filters match, whatever the page shown, as JSON or CSV. */
export function exportHref(filters: ActivityFilters, format: 'json' | 'csv'): string {
  const params = apiParams(filters);
  params.set('size', String(EXPORT_LIMIT));
  if (format === 'csv') params.set('format', 'csv');
  return `/v1/audit?${params}`;
}

/** True when any filter narrows the trail (paging aside). */
export function isFiltered(filters: ActivityFilters): boolean {
  return Boolean(filters.token || filters.app || filters.action || filters.actor);
}
