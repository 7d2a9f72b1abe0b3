import { listExecutions } from '@/lib/executions/queries';
import { executionPageQuerySchema } from '@/lib/executions/schemas';
import { apiRoute } from '@/lib/http/route';

// GET /replication/api/execution/list/{taskKey}?pageNumber=&pageSize=: runs of a config or task, newest first.
export const GET = apiRoute({ query: executionPageQuerySchema }, ({ db, params, query }) =>
  listExecutions(db, params.taskKey ?? '', query),
);
