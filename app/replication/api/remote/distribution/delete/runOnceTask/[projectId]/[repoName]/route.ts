import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { deleteRunOnceTask } from '@/lib/distribution/run-once-tasks';
import { taskNameQuerySchema } from '@/lib/distribution/schemas';

// DELETE /replication/api/remote/distribution/delete/runOnceTask/{projectId}/{repoName}?name=: remove a finished task.
export const DELETE = apiRoute(
  {
    path: '/replication/api/remote/distribution/delete/runOnceTask/[projectId]/[repoName]',
    access: inProject('MAINTAINER'),
    audit: 'task.delete',
    query: taskNameQuerySchema,
  },
  async ({ db, params, query, audit }) => {
    await deleteRunOnceTask(db, { projectName: params.projectId, repoName: params.repoName, name: query.name, audit });
    return null;
  },
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
