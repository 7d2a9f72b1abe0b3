'use client';
import { useMutation } from '@tanstack/react-query';
import { apiFetch, encodePath } from '../api-client/api-fetch';
import type { DistributionConfigInput } from '../distribution/schemas';
import type { Plan } from './schemas';

export type { Plan, PlanArtifact } from './schemas';

/** What to plan: a saved config or run-once task by name, or the unsaved values of the config form. */
export type PlanSubject = { name: string; kind?: 'CONFIG' | 'RUN_ONCE' } | { config: DistributionConfigInput };

/** Asks the server for a dry-run plan (read-only at the target; it may take up to FERRY_PLAN_BUDGET_SECONDS). */
export function usePlanPreview(projectId: string, repoName: string) {
  return useMutation({
    mutationFn: (subject: PlanSubject) =>
      apiFetch<Plan>(`/replication/api/remote/distribution/plan/${encodePath(projectId, repoName)}`, { body: subject }),
  });
}
