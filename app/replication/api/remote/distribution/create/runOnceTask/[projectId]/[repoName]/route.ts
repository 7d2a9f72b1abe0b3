import { createRunOnceTask } from '@/lib/distribution/run-once-tasks';
import { runOnceTaskSchema } from '@/lib/distribution/schemas';
import { apiRoute } from '@/lib/http/route';

// POST /replication/api/remote/distribution/create/runOnceTask/{projectId}/{repoName}: define a run-once task.
export const POST = apiRoute({ body: runOnceTaskSchema }, async ({ db, params, body, principal }) => {
  await createRunOnceTask(db, {
    projectName: params.projectId ?? '',
    repoName: params.repoName ?? '',
    task: body,
    actor: principal.username,
    now: new Date(),
  });
  return null;
});
