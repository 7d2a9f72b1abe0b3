import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listRunOnceTasks } from '@/lib/distribution/list-run-once-tasks';
import { taskListQuerySchema } from '@/lib/distribution/schemas';

// GET /replication/api/remote/distribution/runOnceTask/list/{projectId}/{repoName}: run-once tasks with their latest run;
// with pageNumber/pageSize, a page of them (filters: name, lastStatus).
export const GET = apiRoute(
  {
    path: '/replication/api/remote/distribution/runOnceTask/list/[projectId]/[repoName]',
    access: inProject('VIEWER'),
    query: taskListQuerySchema,
  },
  ({ db, params, query }) => listRunOnceTasks(db, { projectName: params.projectId, repoName: params.repoName, query }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
