import { otherMethods } from '@/lib/api/other-methods';
import { repoChangeRoute } from '@/lib/api/repo-change-route';
import { createRunOnceTask } from '@/lib/distribution/run-once-tasks';
import { runOnceTaskSchema } from '@/lib/distribution/schemas';

// POST /replication/api/remote/distribution/create/runOnceTask/{projectId}/{repoName}: define a run-once task.
export const POST = repoChangeRoute(
  { path: '/replication/api/remote/distribution/create/runOnceTask/[projectId]/[repoName]', audit: 'task.create', body: runOnceTaskSchema },
  (db, change, { body }) => createRunOnceTask(db, { ...change, task: body }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
