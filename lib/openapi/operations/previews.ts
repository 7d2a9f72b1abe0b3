import { ErrorCode } from '../../http/error-codes';
import { planRequestSchema } from '../../plans/schemas';
import type { Operation } from '../operation';

// Previews (issue 14): dry-run plans probed read-only at the target, and run durations for the cron preview.
export const previewOperations: Operation[] = [
  {
    route: '/replication/api/remote/distribution/plan/[projectId]/[repoName]',
    method: 'POST',
    tag: 'Distribution configs',
    summary: 'Dry-run plan: what a run of a config, a run-once task or an unsaved config would do now',
    description:
      "Send `{name}` (a saved config, else a run-once task of that name; `kind: CONFIG|RUN_ONCE` picks one) or `{config}` (an unsaved config body, checked as create checks it; errors name `config.<field>`). Each artifact gets its fate at the target (COPY, SKIP, CONFLICT with the conflict strategy's action, FAIL, UNKNOWN), probed read-only (HEAD) with the stored credentials within FERRY_PLAN_BUDGET_SECONDS; `partial` says when the budget ran out. Totals give the bytes that would really move after blob dedup, mounts and links, and the time at the rate limit.",
    access: 'MAINTAINER',
    body: planRequestSchema,
    data: '{name, kind, target, conflictStrategy, partial, partialReason, budgetSeconds, artifacts: [{kind, name, version, targetVersion, digest, size, fate, conflictAction, targetDigest, bytesToMove, reason}], totals: {artifacts, byFate, sourceBytes, bytesToMove, rateLimit, estimatedSeconds, estimate}, elapsedMs}',
    errors: [ErrorCode.REPOSITORY_NOT_FOUND, ErrorCode.REPLICA_TASK_NOT_FOUND, ErrorCode.CLUSTER_NODE_NOT_FOUND],
  },
  {
    route: '/replication/api/execution/durations/[taskKey]',
    method: 'GET',
    tag: 'Runs',
    summary: 'How long the recent finished runs of a config or task took (p95 and median), for schedule sanity',
    description: 'Over the newest 50 runs that ended SUCCESS or FAILED. An unknown key answers as the run list does.',
    access: 'VIEWER',
    data: '{finishedRuns, p95Seconds, medianSeconds} (seconds; null without finished runs)',
    errors: [ErrorCode.RESOURCE_NOT_FOUND],
  },
];
