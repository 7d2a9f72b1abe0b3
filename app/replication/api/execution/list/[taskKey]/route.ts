import { onTaskKey } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listExecutions } from '@/lib/executions/queries';
import { executionPageQuerySchema } from '@/lib/executions/schemas';

// GET /replication/api/execution/list/{taskKey}?pageNumber=&pageSize=&status=: runs of a config or task, newest first (status: comma-separated).
export const GET = apiRoute(
  { path: '/replication/api/execution/list/[taskKey]', access: onTaskKey('VIEWER'), query: executionPageQuerySchema },
  ({ db, params, query }) => listExecutions(db, { taskKey: params.taskKey, status: query.status }, query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
