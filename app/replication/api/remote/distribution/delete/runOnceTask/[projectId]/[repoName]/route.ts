import { deleteRunOnceTask } from '@/lib/distribution/run-once-tasks';
import { taskNameQuerySchema } from '@/lib/distribution/schemas';
import { apiRoute } from '@/lib/http/route';

// DELETE /replication/api/remote/distribution/delete/runOnceTask/{projectId}/{repoName}?name=: remove a finished task.
export const DELETE = apiRoute({ query: taskNameQuerySchema }, async ({ db, params, query }) => {
  await deleteRunOnceTask(db, { projectName: params.projectId ?? '', repoName: params.repoName ?? '', name: query.name });
  return null;
});
