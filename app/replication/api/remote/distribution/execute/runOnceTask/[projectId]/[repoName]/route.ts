import { executeRunOnceTask } from '@/lib/distribution/run-once-tasks';
import { taskNameQuerySchema } from '@/lib/distribution/schemas';
import { apiRoute } from '@/lib/http/route';

// POST /replication/api/remote/distribution/execute/runOnceTask/{projectId}/{repoName}?name=: queue a run.
export const POST = apiRoute({ query: taskNameQuerySchema }, async ({ db, params, query }) => {
  await executeRunOnceTask(db, { projectName: params.projectId ?? '', repoName: params.repoName ?? '', name: query.name, now: new Date() });
  return null;
});
