'use client';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, encodePath } from '../api-client/api-fetch';
import { useRefreshingMutation } from '../api-client/use-refreshing-mutation';
import type { RunOnceTaskInfo } from './list-run-once-tasks';
import type { ConfigInfo, toRunOnceStatus } from './present';
import type { DistributionConfigInput, RunOnceTaskInput, UpdateDistributionConfigInput } from './schemas';

const BASE = '/replication/api/remote/distribution';
export type RunOnceStatus = ReturnType<typeof toRunOnceStatus>;
export type { ConfigInfo, RunOnceTaskInfo };

const distributionKeys = {
  configs: (projectId: string, repoName: string) => ['configs', projectId, repoName] as const,
  tasks: (projectId: string, repoName: string) => ['run-once', projectId, repoName] as const,
  taskStatus: (projectId: string, repoName: string, name: string) => ['run-once', projectId, repoName, name, 'status'] as const,
};

export function useConfigs(projectId: string, repoName: string) {
  return useQuery({
    queryKey: distributionKeys.configs(projectId, repoName),
    queryFn: () => apiFetch<ConfigInfo[]>(`${BASE}/info/${encodePath(projectId, repoName)}`),
  });
}

export function useConfig(projectId: string, repoName: string, name: string) {
  return useQuery({
    queryKey: [...distributionKeys.configs(projectId, repoName), name],
    queryFn: async () => {
      const list = await apiFetch<ConfigInfo[]>(`${BASE}/info/${encodePath(projectId, repoName, name)}`);
      return list[0] ?? null;
    },
  });
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
    // Flip the switch at once; roll back if the server refuses.
    onMutate: async (name) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<ConfigInfo[]>(key);
      client.setQueryData<ConfigInfo[]>(key, (list) => list?.map((c) => (c.name === name ? { ...c, enable: !c.enable } : c)));
      return { previous };
    },
    onError: (_error, _name, context) => client.setQueryData(key, context?.previous),
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

export function useRunOnceTasks(projectId: string, repoName: string, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: distributionKeys.tasks(projectId, repoName),
    queryFn: () => apiFetch<RunOnceTaskInfo[]>(`${BASE}/runOnceTask/list/${encodePath(projectId, repoName)}`),
    refetchInterval: (query) => (options.poll && query.state.data?.some((task) => task.status?.status === 'RUNNING') ? 2000 : false),
  });
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

type RepoRef = { projectId: string; repoName: string };

/**
 * Every config and run-once task across all repositories, for the overview. There is no
 * server-wide listing, so it walks projects → repositories → configs/tasks.
 */
export function useAllDistributions() {
  const projects = useQuery({ queryKey: ['projects'], queryFn: () => apiFetch<{ name: string }[]>('/repository/api/project/list') });
  const repoLists = useQueries({
    queries: (projects.data ?? []).map((project) => ({
      queryKey: ['projects', project.name, 'repos'],
      queryFn: () => apiFetch<{ projectId: string; name: string }[]>(`/repository/api/repo/list/${encodePath(project.name)}`),
    })),
  });
  const repos: RepoRef[] = repoLists.flatMap((list) =>
    (list.data ?? []).map((repo) => ({ projectId: repo.projectId, repoName: repo.name })),
  );
  const configLists = useQueries({
    queries: repos.map((repo) => ({
      queryKey: distributionKeys.configs(repo.projectId, repo.repoName),
      queryFn: () => apiFetch<ConfigInfo[]>(`${BASE}/info/${encodePath(repo.projectId, repo.repoName)}`),
      refetchInterval: 5000,
    })),
  });
  const taskLists = useQueries({
    queries: repos.map((repo) => ({
      queryKey: distributionKeys.tasks(repo.projectId, repo.repoName),
      queryFn: () => apiFetch<RunOnceTaskInfo[]>(`${BASE}/runOnceTask/list/${encodePath(repo.projectId, repo.repoName)}`),
      refetchInterval: 3000,
    })),
  });
  const all = [projects, ...repoLists, ...configLists, ...taskLists];
  return {
    isPending: projects.isPending || all.some((q) => q.isPending),
    error: all.find((q) => q.isError)?.error ?? null,
    refetch: () => {
      for (const q of all) q.refetch();
    },
    configs: configLists.flatMap((list) => list.data ?? []),
    tasks: taskLists.flatMap((list) => list.data ?? []),
    repoCount: repos.length,
  };
}
