'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../api-client/api-fetch';
import { useApiQuery, useDeleteMutation, useRefreshingMutation } from '../api-client/use-refreshing-mutation';
import type { ClusterInfo, CreateClusterInput, UpdateClusterInput } from './schemas';

const clusterKeys = { all: ['clusters'] as const };

export function useClusters() {
  return useApiQuery<ClusterInfo[]>(clusterKeys.all, '/replication/api/cluster/list');
}

export function useSaveCluster() {
  return useRefreshingMutation(
    (input: { create: CreateClusterInput } | { update: UpdateClusterInput }) =>
      'create' in input
        ? apiFetch<ClusterInfo>('/replication/api/cluster/create', { body: input.create })
        : apiFetch<ClusterInfo>('/replication/api/cluster/update', { body: input.update }),
    [clusterKeys.all],
  );
}

export function useDeleteCluster() {
  return useDeleteMutation('/replication/api/cluster/delete', [clusterKeys.all]);
}

/** Checks the node now; an unhealthy node answers 250301, and the list then shows the recorded reason. */
export function useTryConnect() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiFetch<unknown>(`/replication/api/cluster/tryConnect?name=${encodeURIComponent(name)}`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: clusterKeys.all }),
  });
}
