import { toExecutionInfo } from '@/lib/executions/present';
import { getExecutionOrThrow } from '@/lib/executions/queries';
import { apiRoute } from '@/lib/http/route';

// GET /replication/api/execution/info/{id}: one run with its progress.
export const GET = apiRoute({}, async ({ db, params }) => toExecutionInfo(await getExecutionOrThrow(db, params.id ?? '')));
