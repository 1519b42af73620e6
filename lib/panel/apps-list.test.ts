import { describe, expect, it } from 'vitest';
import type { AppDto } from '@/lib/apps/app-dto';
import { appsListSearch, DEFAULT_PARAMS, parseAppsListParams } from './apps-list-params';
import { appsListView } from './apps-list-view';

function app(name: string, state: string, createdAt: string, id = `${name}-id`): AppDto {
  return { id, createdAt, spec: { name }, status: { state } } as unknown as AppDto;
}

const APPS = [
  app('beta', 'STOPPED', '2025-01-02T00:00:00Z'),
  app('Alpha', 'RUNNING', '2025-01-03T00:00:00Z'),
  app('gamma', 'FAILED', '2025-01-01T00:00:00Z', '75aa6478-0000'),
  app('delta', 'INITIALIZING', '2025-01-04T00:00:00Z'),
];

describe('apps list params', () => {
  it('reads the address, falling back to defaults on anything unreadable', () => {
    expect(parseAppsListParams({})).toEqual(DEFAULT_PARAMS);
    expect(parseAppsListParams(new URLSearchParams('page=3&size=50&sort=created&state=stopped&q=he'))).toEqual({
      ...DEFAULT_PARAMS,
      page: 2,
      size: 50,
      sort: 'created',
      order: 'desc',
      state: 'stopped',
      q: 'he',
    });
    expect(parseAppsListParams({ page: '-1', size: '7', sort: 'colour', state: 'sleepy', order: 'up' })).toEqual(DEFAULT_PARAMS);
  });

  it('writes only what differs from the defaults, and reads back the same', () => {
    expect(appsListSearch(DEFAULT_PARAMS)).toBe('');
    const params = { ...DEFAULT_PARAMS, labelSelector: 'group=A', page: 1, size: 10, sort: 'state' as const, order: 'desc' as const };
    const search = appsListSearch(params);
    expect(search).toBe('labelSelector=group%3DA&sort=state&order=desc&page=2&size=10');
    expect(parseAppsListParams(new URLSearchParams(search))).toEqual(params);
  });
});

describe('apps list view', () => {
  const names = (params: Partial<typeof DEFAULT_PARAMS>) => appsListView(APPS, { ...DEFAULT_PARAMS, ...params }).apps.map((a) => a.spec.name);

  it('sorts by name without regard to case, by state running first, by created newest first', () => {
    expect(names({})).toEqual(['Alpha', 'beta', 'delta', 'gamma']);
    expect(names({ sort: 'state' })).toEqual(['Alpha', 'delta', 'beta', 'gamma']);
    expect(names({ sort: 'created', order: 'desc' })).toEqual(['delta', 'Alpha', 'beta', 'gamma']);
  });

  it('searches names and ids, and filters by state', () => {
    expect(names({ q: 'ALP' })).toEqual(['Alpha']);
    expect(names({ q: '75aa' })).toEqual(['gamma']);
    expect(names({ state: 'starting' })).toEqual(['delta']);
    expect(names({ state: 'running', q: 'beta' })).toEqual([]);
  });

  it('pages, and a page past the end shows the last one', () => {
    const view = appsListView(APPS, { ...DEFAULT_PARAMS, size: 10, page: 0 });
    expect(view).toMatchObject({ matching: 4, page: 0, pageCount: 1 });
    const late = appsListView(APPS, { ...DEFAULT_PARAMS, size: 10, page: 5 });
    expect(late.page).toBe(0);
    expect(late.apps).toHaveLength(4);
  });
});
