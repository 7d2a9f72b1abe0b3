import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getRunOnceTaskStatus } from '@/lib/distribution/run-once-tasks';
import { taskNameQuerySchema } from '@/lib/distribution/schemas';

// GET /replication/api/remote/distribution/get/runOnceTaskStatus/{projectId}/{repoName}?name=: latest run.
export const GET = apiRoute(
  {
    path: '/replication/api/remote/distribution/get/runOnceTaskStatus/[projectId]/[repoName]',
    access: inProject('VIEWER'),
    query: taskNameQuerySchema,
  },
  ({ db, params, query }) => getRunOnceTaskStatus(db, { projectName: params.projectId, repoName: params.repoName, name: query.name }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
