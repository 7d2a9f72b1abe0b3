import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
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
    await createRunOnceTask(db, {
      projectName: params.projectId,
      repoName: params.repoName,
      task: body,
      actor: principal.username,
      now: new Date(),
      audit,
    });
    return null;
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
