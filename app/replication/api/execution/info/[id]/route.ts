import { onExecution } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { toExecutionInfo } from '@/lib/executions/present';
import { getExecutionOrThrow } from '@/lib/executions/queries';

// GET /replication/api/execution/info/{id}: one run with its progress.
export const GET = apiRoute({ path: '/replication/api/execution/info/[id]', access: onExecution('VIEWER') }, async ({ db, params }) =>
  toExecutionInfo(await getExecutionOrThrow(db, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
