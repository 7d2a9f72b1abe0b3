import { ErrorCode } from '../../http/error-codes';
import { planRequestSchema } from '../../plans/schemas';
import type { Operation } from '../operation';

// Dry-run plans (issue 14): what a run would do, probed read-only at the target.
export const planOperations: Operation[] = [
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
];
