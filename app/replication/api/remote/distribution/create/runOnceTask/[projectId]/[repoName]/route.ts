import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { repoChange } from '@/lib/distribution/repo-change';
import { createRunOnceTask } from '@/lib/distribution/run-once-tasks';
import { runOnceTaskSchema } from '@/lib/distribution/schemas';

// POST /replication/api/remote/distribution/create/runOnceTask/{projectId}/{repoName}: define a run-once task.
export const POST = apiRoute(
  {
    path: '/replication/api/remote/distribution/create/runOnceTask/[projectId]/[repoName]',
    access: inProject('MAINTAINER'),
    audit: 'task.create',
    body: runOnceTaskSchema,
  },
  async ({ db, params, body, principal, audit }) => {
    await createRunOnceTask(db, { ...repoChange(params, principal, audit), task: body });
    return null;
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
