import { cancelExecution } from '@/lib/executions/cancel-execution';
import { apiRoute } from '@/lib/http/route';

// POST /replication/api/execution/cancel/{id}: stop a queued or running run.
export const POST = apiRoute({}, async ({ db, params, principal }) => {
  await cancelExecution(db, params.id ?? '', principal.username, new Date());
  return null;
});
