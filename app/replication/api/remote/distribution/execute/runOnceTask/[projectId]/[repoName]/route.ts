import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { executeRunOnceTask } from '@/lib/distribution/run-once-tasks';
import { taskNameQuerySchema } from '@/lib/distribution/schemas';

// POST /replication/api/remote/distribution/execute/runOnceTask/{projectId}/{repoName}?name=: queue a run.
export const POST = apiRoute(
  {
    path: '/replication/api/remote/distribution/execute/runOnceTask/[projectId]/[repoName]',
    access: inProject('MAINTAINER'),
    audit: 'task.execute',
    query: taskNameQuerySchema,
  },
  async ({ db, params, query }) => {
    await executeRunOnceTask(db, { projectName: params.projectId, repoName: params.repoName, name: query.name, now: new Date() });
    return null;
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
