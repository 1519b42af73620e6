'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEvent, NameBook } from './activity-describe';
import { auditPath, type ActivityFilters } from './activity-filters';
import { apiRequest } from './api-client';
import { useAppList } from './app-queries';
import { useProjectId } from './project-context';
import { ALL_TOKENS_SIZE, useTokenList } from './token-queries';

export interface AuditPage {
  events: AuditEvent[];
  total: number;
}

export const activityKeys = {
  all: (projectId: string) => ['activity', projectId] as const,
  page: (projectId: string, filters: ActivityFilters) => ['activity', projectId, filters] as const,
};

/** One page of the project's audit trail (GET /v1/audit), newest first, with the total the filters match. */
export function useAuditEvents(filters: ActivityFilters) {
  const projectId = useProjectId();
  return useQuery({
    queryKey: activityKeys.page(projectId, filters),
    queryFn: async ({ signal }): Promise<AuditPage> => {
      const { data, headers } = await apiRequest<AuditEvent[]>(auditPath(filters), { projectId, signal });
      return { events: data, total: Number(headers.get('x-total-count') ?? data.length) };
    },
    placeholderData: keepPreviousData,
  });
}

export interface Me {
  id: string;
  email: string;
}

/**
 * Names for the ids an audit event holds, from what the panel can list: the
 * project's tokens and apps (the API's largest page of each), and the signed-in
 * user. The panel cannot list other members, so they stay short ids.
 */
export function useNameBook(me: Me) {
  const tokens = useTokenList(0, ALL_TOKENS_SIZE);
  const apps = useAppList('', 0, 1000);
  const tokenNames = new Map((tokens.data?.tokens ?? []).map((token) => [token.id, token.spec.name]));
  const appNames = new Map((apps.data?.apps ?? []).map((app) => [app.id, app.spec.name]));
  const book: NameBook = {
    token: (id) => tokenNames.get(id) ?? null,
    app: (id) => appNames.get(id) ?? null,
    user: (id) => (id === me.id ? me.email : null),
  };
  return { book, tokens: tokens.data?.tokens ?? [], apps: apps.data?.apps ?? [] };
}
