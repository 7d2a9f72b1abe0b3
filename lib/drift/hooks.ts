'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch, encodePath } from '../api-client/api-fetch';
import { useRefreshingMutation } from '../api-client/use-refreshing-mutation';
import type { DriftReport, DriftSummary } from './drift-config';
import type { DriftCheckInfo } from './present';

const BASE = '/replication/api/remote/distribution';

export type { DriftCheckInfo };
export type DriftState = 'MISSING' | 'DIFFERENT' | 'EXTRA';

const driftKeys = {
  repository: (projectId: string, repoName: string) => ['drift', projectId, repoName] as const,
  config: (projectId: string, repoName: string, name: string) => ['drift', projectId, repoName, name] as const,
};

/** Each config's latest check in a repository, by config name (the configs list's drift column). */
export function useDriftSummaries(projectId: string, repoName: string) {
  return useQuery({
    queryKey: driftKeys.repository(projectId, repoName),
    queryFn: async () => {
      const list = await apiFetch<DriftSummary[]>(`${BASE}/drift/${encodePath(projectId, repoName)}`);
      return new Map(list.map((summary) => [summary.name, summary.check]));
    },
  });
}

/** A config's latest check and a page of its items of one state. */
export function useDriftReport(projectId: string, repoName: string, name: string, params: { state: DriftState; pageNumber: number }) {
  return useQuery({
    queryKey: [...driftKeys.config(projectId, repoName, name), params],
    queryFn: () =>
      apiFetch<DriftReport>(
        `${BASE}/drift/${encodePath(projectId, repoName, name)}?state=${params.state}&pageNumber=${params.pageNumber}&pageSize=20`,
      ),
    placeholderData: keepPreviousData,
  });
}

/** POST …/verify: answers when the check has ended (within the server's budget). */
export function useVerifyConfig(projectId: string, repoName: string) {
  return useRefreshingMutation(
    (name: string) => apiFetch<DriftCheckInfo>(`${BASE}/verify/${encodePath(projectId, repoName, name)}`, { method: 'POST' }),
    [driftKeys.repository(projectId, repoName)],
  );
}

/** POST …/repair: queues a run of the latest check's missing and different artifacts. */
export function useRepairConfig(projectId: string, repoName: string) {
  return useRefreshingMutation(
    (name: string) =>
      apiFetch<{ executionId: string; artifacts: number }>(`${BASE}/repair/${encodePath(projectId, repoName, name)}`, { method: 'POST' }),
    [['configs', projectId, repoName], ['executions']],
  );
}
