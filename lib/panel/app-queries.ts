'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AppDto } from '@/lib/apps/app-dto';
import type { AppState } from '@/lib/db/generated/enums';
import type { AppSpecInput, AppUpdate } from '@/lib/apps/app-spec';
import { api, apiRequest } from './api-client';
import type { ExternalAppSpecInput } from './external-app';
import { isTransitional, POLL_MS } from './app-states';
import { useProjectId } from './project-context';
import { followingRollout, type RolloutWatch } from './rollout';

export type { AppDto };

export interface AppList {
  apps: AppDto[];
  total: number;
}

export const appKeys = {
  all: (projectId: string) => ['apps', projectId] as const,
  lists: (projectId: string) => ['apps', projectId, 'list'] as const,
  list: (projectId: string, selector: string, page: number, size: number) =>
    ['apps', projectId, 'list', { selector, page, size }] as const,
  detail: (projectId: string, id: string) => ['apps', projectId, 'detail', id] as const,
};

/** One page of the project's apps matching `selector`; polls while any of them is starting or stopping. */
export function useAppList(selector: string, page: number, size: number, enabled = true) {
  const projectId = useProjectId();
  return useQuery({
    queryKey: appKeys.list(projectId, selector, page, size),
    queryFn: async ({ signal }): Promise<AppList> => {
      const params = new URLSearchParams({ labelSelector: selector, page: String(page), size: String(size) });
      const { data, headers } = await apiRequest<AppDto[]>(`/v1/app?${params}`, { projectId, signal });
      return { apps: data, total: Number(headers.get('x-total-count') ?? data.length) };
    },
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.apps.some((app) => isTransitional(app.status.state)) ? POLL_MS : false),
  });
}

/** The Apps table sorts and searches in the browser over at most this many apps (5 requests of the API's largest page). */
export const ALL_APPS_CAP = 5_000;
const ALL_APPS_PAGE = 1_000;

export interface AllApps {
  apps: AppDto[];
  /** What the API counts: more than `apps.length` when the cap cut the list. */
  total: number;
}

/** Every app of the project matching `selector` (up to ALL_APPS_CAP); polls while any is starting or stopping. */
export function useAllApps(selector: string) {
  const projectId = useProjectId();
  return useQuery({
    queryKey: [...appKeys.lists(projectId), { selector, all: true }] as const,
    queryFn: async ({ signal }): Promise<AllApps> => {
      const apps: AppDto[] = [];
      let total = 0;
      for (let page = 0; page * ALL_APPS_PAGE < ALL_APPS_CAP; page++) {
        const params = new URLSearchParams({ labelSelector: selector, page: String(page), size: String(ALL_APPS_PAGE) });
        const { data, headers } = await apiRequest<AppDto[]>(`/v1/app?${params}`, { projectId, signal });
        apps.push(...data);
        total = Number(headers.get('x-total-count') ?? apps.length);
        if (apps.length >= total || data.length < ALL_APPS_PAGE) break;
      }
      return { apps, total };
    },
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.apps.some((app) => isTransitional(app.status.state)) ? POLL_MS : false),
  });
}

/** One app; polls while it moves, and while `rollout` (an update just made) has not settled. */
export function useApp(id: string, rollout: RolloutWatch | null = null) {
  const projectId = useProjectId();
  return useQuery({
    queryKey: appKeys.detail(projectId, id),
    queryFn: ({ signal }) => api<AppDto>(`/v1/app/${encodeURIComponent(id)}`, { projectId, signal }),
    refetchInterval: (query) => {
      const app = query.state.data;
      if (!app) return false;
      return isTransitional(app.status.state) || followingRollout(app, rollout, Date.now()) ? POLL_MS : false;
    },
  });
}

/** PUT /v1/app/{id}: what runs changes; the answer carries the new generation. */
export function useUpdateApp(id: string) {
  const projectId = useProjectId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: AppUpdate) => api<AppDto>(`/v1/app/${encodeURIComponent(id)}`, { projectId, method: 'PUT', body: update }),
    gcTime: 0,
    onSuccess: (app) => {
      queryClient.setQueryData(appKeys.detail(projectId, id), app);
      return queryClient.invalidateQueries({ queryKey: appKeys.lists(projectId) });
    },
  });
}

export function useCreateApp() {
  const projectId = useProjectId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (spec: AppSpecInput | ExternalAppSpecInput) => api<AppDto>('/v1/app', { projectId, method: 'POST', body: spec }),
    // The variables hold env var values, secret ones too: keep them no longer than the form lives.
    gcTime: 0,
    onSuccess: (app) => {
      queryClient.setQueryData(appKeys.detail(projectId, app.id), app);
      return queryClient.invalidateQueries({ queryKey: appKeys.lists(projectId) });
    },
  });
}

type Lifecycle = 'start' | 'stop' | 'delete';
const OPTIMISTIC_STATE: Record<Lifecycle, AppState> = { start: 'INITIALIZING', stop: 'STOPPING', delete: 'DELETING' };

interface Snapshot {
  detail: AppDto | undefined;
  lists: [readonly unknown[], AppList | undefined][];
}

/** Applies `change` to the app wherever it is cached and returns what was there, for rollback. */
async function patchCachedApp(queryClient: QueryClient, projectId: string, id: string, change: (app: AppDto) => AppDto): Promise<Snapshot> {
  await queryClient.cancelQueries({ queryKey: appKeys.all(projectId) });
  const detailKey = appKeys.detail(projectId, id);
  const snapshot: Snapshot = {
    detail: queryClient.getQueryData<AppDto>(detailKey),
    lists: queryClient.getQueriesData<AppList>({ queryKey: appKeys.lists(projectId) }),
  };
  if (snapshot.detail) queryClient.setQueryData<AppDto>(detailKey, change(snapshot.detail));
  for (const [key, list] of snapshot.lists) {
    if (!list) continue;
    queryClient.setQueryData<AppList>(key, { ...list, apps: list.apps.map((app) => (app.id === id ? change(app) : app)) });
  }
  return snapshot;
}

function restore(queryClient: QueryClient, projectId: string, id: string, snapshot: Snapshot | undefined) {
  if (!snapshot) return;
  queryClient.setQueryData(appKeys.detail(projectId, id), snapshot.detail);
  for (const [key, list] of snapshot.lists) queryClient.setQueryData(key, list);
}

function withState(app: AppDto, state: AppState): AppDto {
  return { ...app, status: { ...app.status, state, history: [...app.status.history, { state, date: new Date().toISOString() }] } };
}

/** Start, stop or delete, shown at once and rolled back if the server refuses. */
export function useAppLifecycle(id: string) {
  const projectId = useProjectId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: Lifecycle) =>
      action === 'delete'
        ? api<AppDto>(`/v1/app/${encodeURIComponent(id)}`, { projectId, method: 'DELETE' })
        : api<AppDto>(`/v1/app/${encodeURIComponent(id)}/${action}`, { projectId, method: 'PUT' }),
    onMutate: (action) => patchCachedApp(queryClient, projectId, id, (app) => withState(app, OPTIMISTIC_STATE[action])),
    onError: (_error, _action, snapshot) => restore(queryClient, projectId, id, snapshot),
    onSuccess: (app) => {
      queryClient.setQueryData(appKeys.detail(projectId, id), app);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: appKeys.lists(projectId) }),
  });
}

/** Sets (value) or removes (null) one label, shown at once and rolled back on error. */
export function useSetAppLabel(id: string) {
  const projectId = useProjectId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; value: string | null }) =>
      api<AppDto>(`/v1/app/${encodeURIComponent(id)}/label`, { projectId, method: 'PUT', body: input }),
    onMutate: ({ name, value }) =>
      patchCachedApp(queryClient, projectId, id, (app) => {
        const labels = { ...app.spec.labels };
        if (value === null) delete labels[name];
        else labels[name] = value;
        return { ...app, spec: { ...app.spec, labels } };
      }),
    onError: (_error, _input, snapshot) => restore(queryClient, projectId, id, snapshot),
    onSuccess: (app) => {
      queryClient.setQueryData(appKeys.detail(projectId, id), app);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: appKeys.lists(projectId) }),
  });
}
