import { onExecution } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listExecutionDetails } from '@/lib/executions/queries';
import { detailPageQuerySchema } from '@/lib/executions/schemas';

// GET /replication/api/execution/details/{id}?status=&pageNumber=&pageSize=: a run's per-artifact rows.
export const GET = apiRoute(
  { path: '/replication/api/execution/details/[id]', access: onExecution('VIEWER'), query: detailPageQuerySchema },
  ({ db, params, query }) => listExecutionDetails(db, params.id, query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
