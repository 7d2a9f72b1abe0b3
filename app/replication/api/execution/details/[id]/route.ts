import { listExecutionDetails } from '@/lib/executions/queries';
import { detailPageQuerySchema } from '@/lib/executions/schemas';
import { apiRoute } from '@/lib/http/route';

// GET /replication/api/execution/details/{id}?status=&pageNumber=&pageSize=: a run's per-artifact rows.
export const GET = apiRoute({ query: detailPageQuerySchema }, ({ db, params, query }) => listExecutionDetails(db, params.id ?? '', query));
