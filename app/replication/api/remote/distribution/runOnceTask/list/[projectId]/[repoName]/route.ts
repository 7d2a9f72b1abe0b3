import { listRunOnceTasks } from '@/lib/distribution/list-run-once-tasks';
import { apiRoute } from '@/lib/http/route';

// GET /replication/api/remote/distribution/runOnceTask/list/{projectId}/{repoName}: run-once tasks with their latest run.
export const GET = apiRoute({}, ({ db, params }) =>
  listRunOnceTasks(db, { projectName: params.projectId ?? '', repoName: params.repoName ?? '' }),
);
