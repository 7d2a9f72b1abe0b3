import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listRunOnceTasks } from '@/lib/distribution/list-run-once-tasks';

// GET /replication/api/remote/distribution/runOnceTask/list/{projectId}/{repoName}: run-once tasks with their latest run.
export const GET = apiRoute(
  {
    path: '/replication/api/remote/distribution/runOnceTask/list/[projectId]/[repoName]',
    access: inProject('VIEWER'),
  },
  ({ db, params }) => listRunOnceTasks(db, { projectName: params.projectId, repoName: params.repoName }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
