'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { apiFetch, encodePath } from '../api-client/api-fetch';
import type { Page } from '../paging/page';
import type { ExecutionDetail, ExecutionInfo, ExecutionInProject } from './present';
import type { RunDurations } from './run-durations';
import { isActiveStatus } from './statuses';

export type { ExecutionDetail, ExecutionInfo, ExecutionInProject, ExecutionProgress } from './present';

const BASE = '/replication/api/execution';

/** A page of a task's runs, newest first; `status` (comma-separated) keeps only runs of those statuses. */
export function useExecutions(taskKey: string | undefined, page: number, options: { pageSize?: number; status?: string } = {}) {
  const pageSize = options.pageSize ?? 20;
  const status = options.status ? `&status=${encodeURIComponent(options.status)}` : '';
  return useQuery({
    queryKey: ['executions', taskKey, page, pageSize, options.status ?? ''],
    enabled: Boolean(taskKey),
    placeholderData: keepPreviousData,
    queryFn: () =>
      apiFetch<Page<ExecutionInfo>>(`${BASE}/list/${encodePath(taskKey ?? '')}?pageNumber=${page}&pageSize=${pageSize}${status}`),
    refetchInterval: (query) => (query.state.data?.records.some((run) => isActiveStatus(run.status)) ? 2000 : false),
  });
}

/** Polls every second while the run is queued or running. */
export function useExecution(id: string) {
  return useQuery({
    queryKey: ['execution', id],
    queryFn: () => apiFetch<ExecutionInProject>(`${BASE}/info/${encodePath(id)}`),
    refetchInterval: (query) => (query.state.data && isActiveStatus(query.state.data.status) ? 1000 : false),
  });
}

export function useExecutionDetails(id: string | undefined, options: { status?: string; page: number; pageSize?: number; live: boolean }) {
  const pageSize = options.pageSize ?? 50;
  const query = useQuery({
    queryKey: ['execution', id, 'details', options.status ?? '', options.page, pageSize],
    enabled: Boolean(id),
    queryFn: () =>
      apiFetch<Page<ExecutionDetail>>(
        `${BASE}/details/${encodePath(id ?? '')}?pageNumber=${options.page}&pageSize=${pageSize}${options.status ? `&status=${options.status}` : ''}`,
      ),
    // Stop polling an endpoint that failed; the error state offers Retry.
    refetchInterval: (query) => (options.live && query.state.status !== 'error' ? 1000 : false),
  });
  // The run just ended: the last poll may predate the final writes of its artifacts, so read once more.
  const wasLive = useRef(options.live);
  const { refetch } = query;
  useEffect(() => {
    if (wasLive.current && !options.live) void refetch();
    wasLive.current = options.live;
  }, [options.live, refetch]);
  return query;
}

function useExecutionAction(action: 'cancel' | 'retry') {
  const client = useQueryClient();
  return useMutation({
    // retry answers the new run's id; cancel answers the cancelled run
    mutationFn: (id: string) => apiFetch<{ id: string } | null>(`${BASE}/${action}/${encodePath(id)}`, { method: 'POST' }),
    onSettled: () => {
      client.invalidateQueries({ queryKey: ['execution'] });
      client.invalidateQueries({ queryKey: ['executions'] });
    },
  });
}

export const useCancelExecution = () => useExecutionAction('cancel');
export const useRetryExecution = () => useExecutionAction('retry');

/** The artifact a live run is copying now, when the runner reports per-artifact rows. */
export function useCurrentArtifact(id: string | undefined, live: boolean): string | null {
  const running = useExecutionDetails(live ? id : undefined, { status: 'RUNNING', page: 1, pageSize: 1, live });
  const row = live ? running.data?.records[0] : undefined;
  return row ? `${row.artifactName}${row.version ? `:${row.version}` : ''}` : null;
}

/** How long the recent finished runs of a config took (p95, median): the cron preview's schedule sanity. */
export function useRunDurations(taskKey: string | undefined) {
  return useQuery({
    queryKey: ['executions', taskKey, 'durations'],
    enabled: Boolean(taskKey),
    queryFn: () => apiFetch<RunDurations>(`${BASE}/durations/${encodePath(taskKey ?? '')}`),
  });
}
