'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, encodePath } from '../api-client/api-fetch';
import { useRefreshingMutation } from '../api-client/use-refreshing-mutation';
import type { Page } from '../paging/page';
import type { RunOnceTaskInfo } from './list-run-once-tasks';
import type { Overview } from './overview';
import type { ConfigInfo, toRunOnceStatus } from './present';
import type { DistributionConfigInput, RunOnceTaskInput, UpdateDistributionConfigInput } from './schemas';

const BASE = '/replication/api/remote/distribution';
export type RunOnceStatus = ReturnType<typeof toRunOnceStatus>;
export type { ConfigInfo, Overview, RunOnceTaskInfo };

const distributionKeys = {
  configs: (projectId: string, repoName: string) => ['configs', projectId, repoName] as const,
  tasks: (projectId: string, repoName: string) => ['run-once', projectId, repoName] as const,
  taskStatus: (projectId: string, repoName: string, name: string) => ['run-once', projectId, repoName, name, 'status'] as const,
};

/** A page of a task list and its filters, as the list endpoints take them (see lib/distribution/schemas.ts). */
export type TaskListParams = {
  pageNumber: number;
  pageSize: number;
  name?: string;
  enabled?: boolean;
  replicaType?: 'REAL_TIME' | 'SCHEDULED';
  lastStatus?: string;
};

function listQueryString(params: TaskListParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  return search.toString();
}

/** One page of a repository's configs, filtered on the server; the previous page stays shown while the next loads. */
export function useConfigPage(projectId: string, repoName: string, params: TaskListParams) {
  return useQuery({
    queryKey: [...distributionKeys.configs(projectId, repoName), 'page', params],
    queryFn: () => apiFetch<Page<ConfigInfo>>(`${BASE}/info/${encodePath(projectId, repoName)}?${listQueryString(params)}`),
    placeholderData: keepPreviousData,
  });
}

const configQuery = (projectId: string, repoName: string, name: string) => ({
  queryKey: [...distributionKeys.configs(projectId, repoName), name],
  queryFn: async () => {
    const list = await apiFetch<ConfigInfo[]>(`${BASE}/info/${encodePath(projectId, repoName, name)}`);
    return list[0] ?? null;
  },
});

export function useConfig(projectId: string, repoName: string, name: string) {
  return useQuery(configQuery(projectId, repoName, name));
}

/** Asks, when a form is submitted, whether a config of that name exists (no list is loaded for it). */
export function useConfigNameTaken(projectId: string, repoName: string) {
  const client = useQueryClient();
  return async (name: string) => (await client.fetchQuery({ ...configQuery(projectId, repoName, name), staleTime: 0 })) !== null;
}

export function useSaveConfig(projectId: string, repoName: string) {
  return useRefreshingMutation(
    (input: { create: DistributionConfigInput } | { name: string; update: UpdateDistributionConfigInput }) =>
      'create' in input
        ? apiFetch<null>(`${BASE}/create/${encodePath(projectId, repoName)}`, { body: { configs: [input.create] } })
        : apiFetch<null>(`${BASE}/update/${encodePath(projectId, repoName, input.name)}`, { body: input.update }),
    [distributionKeys.configs(projectId, repoName)],
  );
}

export function useToggleConfig(projectId: string, repoName: string) {
  const client = useQueryClient();
  const key = distributionKeys.configs(projectId, repoName);
  return useMutation({
    mutationFn: (name: string) => apiFetch<null>(`${BASE}/toggle/status/${encodePath(projectId, repoName, name)}`, { method: 'POST' }),
    // Flip the switch at once on every cached page; roll back if the server refuses.
    onMutate: async (name) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueriesData<Page<ConfigInfo>>({ queryKey: [...key, 'page'] });
      client.setQueriesData<Page<ConfigInfo>>({ queryKey: [...key, 'page'] }, (page) =>
        page ? { ...page, records: page.records.map((c) => (c.name === name ? { ...c, enable: !c.enable } : c)) } : page,
      );
      return { previous };
    },
    onError: (_error, _name, context) => {
      for (const [queryKey, data] of context?.previous ?? []) client.setQueryData(queryKey, data);
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteConfig(projectId: string, repoName: string) {
  return useRefreshingMutation(
    (name: string) => apiFetch<null>(`${BASE}/delete/${encodePath(projectId, repoName, name)}`, { method: 'DELETE' }),
    [distributionKeys.configs(projectId, repoName)],
  );
}

/** Runs a scheduled config now (the runner's endpoint). */
export function useRunConfigNow(projectId: string, repoName: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<unknown>(`${BASE}/run/${encodePath(projectId, repoName, name)}`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: distributionKeys.configs(projectId, repoName) }),
  });
}

/** One page of a repository's run-once tasks; polls while one on the page runs. */
export function useRunOnceTaskPage(projectId: string, repoName: string, params: TaskListParams) {
  return useQuery({
    queryKey: [...distributionKeys.tasks(projectId, repoName), 'page', params],
    queryFn: () =>
      apiFetch<Page<RunOnceTaskInfo>>(`${BASE}/runOnceTask/list/${encodePath(projectId, repoName)}?${listQueryString(params)}`),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.records.some((task) => task.status?.status === 'RUNNING') ? 2000 : false),
  });
}

// The list filters names by substring: the one named is among the (few) matches.
const runOnceTaskQuery = (projectId: string, repoName: string, name: string) => ({
  queryKey: [...distributionKeys.tasks(projectId, repoName), 'named', name],
  queryFn: async () => {
    const params = { pageNumber: 1, pageSize: 1000, name };
    const page = await apiFetch<Page<RunOnceTaskInfo>>(
      `${BASE}/runOnceTask/list/${encodePath(projectId, repoName)}?${listQueryString(params)}`,
    );
    return page.records.find((task) => task.name === name) ?? null;
  },
});

export function useRunOnceTask(projectId: string, repoName: string, name: string) {
  return useQuery(runOnceTaskQuery(projectId, repoName, name));
}

/** Asks, when a form is submitted, whether a run-once task of that name exists. */
export function useRunOnceTaskNameTaken(projectId: string, repoName: string) {
  const client = useQueryClient();
  return async (name: string) => (await client.fetchQuery({ ...runOnceTaskQuery(projectId, repoName, name), staleTime: 0 })) !== null;
}

/** Polls every second while the run is RUNNING and stops once it ends. */
export function useRunOnceStatus(projectId: string, repoName: string, name: string) {
  return useQuery({
    queryKey: distributionKeys.taskStatus(projectId, repoName, name),
    queryFn: () =>
      apiFetch<RunOnceStatus | null>(`${BASE}/get/runOnceTaskStatus/${encodePath(projectId, repoName)}?name=${encodeURIComponent(name)}`),
    refetchInterval: (query) => (query.state.data?.status === 'RUNNING' ? 1000 : false),
  });
}

export function useCreateRunOnceTask(projectId: string, repoName: string) {
  return useRefreshingMutation(
    (input: RunOnceTaskInput) => apiFetch<null>(`${BASE}/create/runOnceTask/${encodePath(projectId, repoName)}`, { body: input }),
    [distributionKeys.tasks(projectId, repoName)],
  );
}

export function useExecuteRunOnceTask(projectId: string, repoName: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiFetch<null>(`${BASE}/execute/runOnceTask/${encodePath(projectId, repoName)}?name=${encodeURIComponent(name)}`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: distributionKeys.tasks(projectId, repoName) }),
  });
}

export function useDeleteRunOnceTask(projectId: string, repoName: string) {
  return useRefreshingMutation(
    (name: string) =>
      apiFetch<null>(`${BASE}/delete/runOnceTask/${encodePath(projectId, repoName)}?name=${encodeURIComponent(name)}`, {
        method: 'DELETE',
      }),
    [distributionKeys.tasks(projectId, repoName)],
  );
}

/** The overview's counts and short lists over the caller's projects, refreshed every 3 s. */
export function useOverview() {
  return useQuery({
    queryKey: ['overview'],
    queryFn: () => apiFetch<Overview>('/replication/api/overview'),
    refetchInterval: 3000,
  });
}
