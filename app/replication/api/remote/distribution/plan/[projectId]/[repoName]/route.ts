import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { env } from '@/lib/env';
import { planDistribution } from '@/lib/plans/plan-distribution';
import { planRequestSchema } from '@/lib/plans/schemas';

// POST /replication/api/remote/distribution/plan/{projectId}/{repoName}: what a run would do now, without doing it (Ferry extension).
// MAINTAINER, as for running: the target is probed with the stored credentials.
export const POST = apiRoute(
  {
    path: '/replication/api/remote/distribution/plan/[projectId]/[repoName]',
    access: inProject('MAINTAINER'),
    body: planRequestSchema,
  },
  async ({ db, params, body, principal }) =>
    planDistribution(
      { db, now: () => new Date(), budgetMs: env().FERRY_PLAN_BUDGET_SECONDS * 1000 },
      { projectName: params.projectId, repoName: params.repoName, request: body, actor: principal.username },
    ),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
