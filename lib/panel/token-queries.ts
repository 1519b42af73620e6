'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TokenDto } from '@/lib/tokens/token-dto';
import { api } from './api-client';
import { useProjectId } from './project-context';
import { revealSecret } from './revealed-secret';

export type { TokenDto };

export interface TokenInput {
  name: string;
  labelSelector: string;
  role: 'read' | 'operator';
  region: string;
}

export const tokenKeys = {
  lists: (projectId: string) => ['tokens', projectId, 'list'] as const,
  list: (projectId: string, page: number, size: number) => ['tokens', projectId, 'list', { page, size }] as const,
};

/** The list never holds a secret, even the one a response just carried. */
function withoutSecret(token: TokenDto): TokenDto {
  const { value: _secret, ...status } = token.status;
  return { ...token, status };
}

type TokenListEntries = [readonly unknown[], TokenDto[] | undefined][];

export function useTokenList(page: number, size: number) {
  const projectId = useProjectId();
  return useQuery({
    queryKey: tokenKeys.list(projectId, page, size),
    queryFn: ({ signal }) => api<TokenDto[]>(`/v1/token?page=${page}&size=${size}`, { projectId, signal }),
    placeholderData: keepPreviousData,
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
      if (secret) revealSecret({ tokenId: token.id, name: token.spec.name, secret, kind: 'generated' });
      // Shown at the top of the list at once; the refetch then confirms it.
      const first = tokenKeys.list(projectId, 0, TOKEN_PAGE_SIZE);
      const list = queryClient.getQueryData<TokenDto[]>(first);
      if (list) queryClient.setQueryData(first, [withoutSecret(token), ...list.filter((t) => t.id !== token.id)]);
      return queryClient.invalidateQueries({ queryKey: tokenKeys.lists(projectId) });
    },
  });
}

async function snapshotLists(queryClient: ReturnType<typeof useQueryClient>, projectId: string): Promise<TokenListEntries> {
  await queryClient.cancelQueries({ queryKey: tokenKeys.lists(projectId) });
  return queryClient.getQueriesData<TokenDto[]>({ queryKey: tokenKeys.lists(projectId) });
}

function restoreLists(queryClient: ReturnType<typeof useQueryClient>, snapshot: TokenListEntries | undefined) {
  for (const [key, list] of snapshot ?? []) queryClient.setQueryData(key, list);
}

/** Regenerate: the row's version goes up at once; the new secret is revealed once, like Generate. */
export function useRegenerateToken() {
  const projectId = useProjectId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: TokenDto) => api<TokenDto>(`/v1/token/${encodeURIComponent(token.id)}/renew`, { projectId, method: 'POST' }),
    gcTime: 0,
    onMutate: async (token) => {
      const snapshot = await snapshotLists(queryClient, projectId);
      for (const [key, list] of snapshot) {
        if (!list) continue;
        queryClient.setQueryData<TokenDto[]>(
          key,
          list.map((t) => (t.id === token.id ? { ...t, status: { ...t.status, version: t.status.version + 1 } } : t)),
        );
      }
      return snapshot;
    },
    onError: (_error, _token, snapshot) => restoreLists(queryClient, snapshot),
    onSuccess: (token) => {
      const secret = token.status.value;
      if (secret) revealSecret({ tokenId: token.id, name: token.spec.name, secret, kind: 'regenerated' });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokenKeys.lists(projectId) }),
  });
}

/** Delete: the row goes at once and comes back if the server refuses. */
export function useDeleteToken() {
  const projectId = useProjectId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: TokenDto) => api<void>(`/v1/token/${encodeURIComponent(token.id)}`, { projectId, method: 'DELETE' }),
    onMutate: async (token) => {
      const snapshot = await snapshotLists(queryClient, projectId);
      for (const [key, list] of snapshot) {
        if (list) queryClient.setQueryData<TokenDto[]>(key, list.filter((t) => t.id !== token.id));
      }
      return snapshot;
    },
    onError: (_error, _token, snapshot) => restoreLists(queryClient, snapshot),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokenKeys.lists(projectId) }),
  });
}

export const TOKEN_PAGE_SIZE = 20;
