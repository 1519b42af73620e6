'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { TokenDto } from '@/lib/tokens/token-dto';
import { api, apiRequest } from './api-client';
import { useProjectId } from './project-context';
import { revealSecret } from './revealed-secret';

export type { TokenDto };

/** POST /v1/token's body, as the New Token form sends it. */
export interface TokenInput {
  name: string;
  description: string;
  labelSelector: string;
  role: 'read' | 'operator';
  region: string;
  expiresAt: string | null;
  allowedIps: string[];
}

export const TOKEN_PAGE_SIZE = 20;
/** The API's largest page: enough to name every token of a project in the Activity page and its filters. */
export const ALL_TOKENS_SIZE = 1000;

export const tokenKeys = {
  all: (projectId: string) => ['tokens', projectId] as const,
  lists: (projectId: string) => ['tokens', projectId, 'list'] as const,
  list: (projectId: string, page: number, size: number) => ['tokens', projectId, 'list', { page, size }] as const,
  detail: (projectId: string, id: string) => ['tokens', projectId, 'detail', id] as const,
};

/** What the Activity page caches (lib/panel/activity-queries, which imports this file): a token change adds an event. */
const activityKey = (projectId: string) => ['activity', projectId] as const;

export interface TokenList {
  tokens: TokenDto[];
  total: number;
}

/** The list never holds a secret, even the one a response just carried. */
function withoutSecret(token: TokenDto): TokenDto {
  const { value: _secret, ...status } = token.status;
  return { ...token, status };
}

export function useTokenList(page: number, size: number) {
  const projectId = useProjectId();
  return useQuery({
    queryKey: tokenKeys.list(projectId, page, size),
    queryFn: async ({ signal }): Promise<TokenList> => {
      const { data, headers } = await apiRequest<TokenDto[]>(`/v1/token?page=${page}&size=${size}`, { projectId, signal });
      return { tokens: data, total: Number(headers.get('x-total-count') ?? data.length) };
    },
    placeholderData: keepPreviousData,
  });
}

/** One token, for its details page. */
export function useToken(id: string) {
  const projectId = useProjectId();
  return useQuery({
    queryKey: tokenKeys.detail(projectId, id),
    queryFn: ({ signal }) => api<TokenDto>(`/v1/token/${encodeURIComponent(id)}`, { projectId, signal }),
  });
}

export function useCreateToken() {
  const projectId = useProjectId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TokenInput) => api<TokenDto>('/v1/token', { projectId, method: 'POST', body: input }),
    // The response carries the secret: keep it in the mutation cache no longer than the form lives.
    gcTime: 0,
    onSuccess: (token) => {
      const secret = token.status.value;
      // Shown on the list, where the form goes next.
      if (secret) revealSecret({ tokenId: token.id, name: token.spec.name, secret, kind: 'generated', page: '/tokens', oldSecretUntil: null });
      // Shown at the top of the list at once; the refetch then confirms it.
      const first = tokenKeys.list(projectId, 0, TOKEN_PAGE_SIZE);
      const list = queryClient.getQueryData<TokenList>(first);
      if (list) {
        const tokens = [withoutSecret(token), ...list.tokens.filter((t) => t.id !== token.id)];
        queryClient.setQueryData<TokenList>(first, { tokens, total: list.total + 1 });
      }
      void queryClient.invalidateQueries({ queryKey: activityKey(projectId) });
      return queryClient.invalidateQueries({ queryKey: tokenKeys.lists(projectId) });
    },
  });
}

type Snapshot = { lists: [readonly unknown[], TokenList | undefined][]; detail: TokenDto | undefined };

/** Applies `change` to the token wherever it is cached and returns what was there, for rollback. */
async function patchCachedToken(queryClient: QueryClient, projectId: string, id: string, change: (list: TokenDto[]) => TokenDto[]): Promise<Snapshot> {
  await queryClient.cancelQueries({ queryKey: tokenKeys.all(projectId) });
  const snapshot: Snapshot = {
    lists: queryClient.getQueriesData<TokenList>({ queryKey: tokenKeys.lists(projectId) }),
    detail: queryClient.getQueryData<TokenDto>(tokenKeys.detail(projectId, id)),
  };
  for (const [key, list] of snapshot.lists) {
    if (list) queryClient.setQueryData<TokenList>(key, { ...list, tokens: change(list.tokens) });
  }
  if (snapshot.detail) {
    const [next] = change([snapshot.detail]);
    if (next) queryClient.setQueryData<TokenDto>(tokenKeys.detail(projectId, id), next);
  }
  return snapshot;
}

function restore(queryClient: QueryClient, projectId: string, id: string, snapshot: Snapshot | undefined) {
  if (!snapshot) return;
  for (const [key, list] of snapshot.lists) queryClient.setQueryData(key, list);
  if (snapshot.detail) queryClient.setQueryData(tokenKeys.detail(projectId, id), snapshot.detail);
}

export interface RegenerateInput {
  token: TokenDto;
  /** How long the secret being replaced keeps working (0: it stops at once). */
  gracePeriodSeconds: number;
  /** The panel page the new secret is shown on. */
  page: string;
}

/** Regenerate: the version goes up at once; the new secret is revealed once, like Generate, with when the old one stops. */
export function useRegenerateToken() {
  const projectId = useProjectId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ token, gracePeriodSeconds }: RegenerateInput) =>
      api<TokenDto>(`/v1/token/${encodeURIComponent(token.id)}/renew`, { projectId, method: 'POST', body: { gracePeriodSeconds } }),
    gcTime: 0,
    onMutate: ({ token }) =>
      patchCachedToken(queryClient, projectId, token.id, (list) =>
        list.map((t) => (t.id === token.id ? { ...t, status: { ...t.status, version: t.status.version + 1 } } : t)),
      ),
    onError: (_error, { token }, snapshot) => restore(queryClient, projectId, token.id, snapshot),
    onSuccess: (token, { page }) => {
      const secret = token.status.value;
      if (secret) {
        revealSecret({ tokenId: token.id, name: token.spec.name, secret, kind: 'regenerated', page, oldSecretUntil: token.status.previousSecretExpiresAt });
      }
      queryClient.setQueryData(tokenKeys.detail(projectId, token.id), withoutSecret(token));
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: activityKey(projectId) });
      return queryClient.invalidateQueries({ queryKey: tokenKeys.all(projectId) });
    },
  });
}

/** Delete: the row goes at once and comes back if the server refuses. */
export function useDeleteToken() {
  const projectId = useProjectId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: TokenDto) => api<void>(`/v1/token/${encodeURIComponent(token.id)}`, { projectId, method: 'DELETE' }),
    onMutate: (token) => patchCachedToken(queryClient, projectId, token.id, (list) => list.filter((t) => t.id !== token.id)),
    onError: (_error, token, snapshot) => restore(queryClient, projectId, token.id, snapshot),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: activityKey(projectId) });
      return queryClient.invalidateQueries({ queryKey: tokenKeys.lists(projectId) });
    },
  });
}
