import { onExecution } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getExecutionInProjectOrThrow } from '@/lib/executions/queries';

// GET /replication/api/execution/info/{id}: one run with its progress, project and repository.
export const GET = apiRoute({ path: '/replication/api/execution/info/[id]', access: onExecution('VIEWER') }, async ({ db, params }) =>
  getExecutionInProjectOrThrow(db, params.id),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
