import { getRunOnceTaskStatus } from '@/lib/distribution/run-once-tasks';
import { taskNameQuerySchema } from '@/lib/distribution/schemas';
import { apiRoute } from '@/lib/http/route';

// GET /replication/api/remote/distribution/get/runOnceTaskStatus/{projectId}/{repoName}?name=: latest run.
export const GET = apiRoute({ query: taskNameQuerySchema }, ({ db, params, query }) =>
  getRunOnceTaskStatus(db, { projectName: params.projectId ?? '', repoName: params.repoName ?? '', name: query.name }),
);
