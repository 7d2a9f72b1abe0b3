import { retryFailedArtifacts } from '@/lib/executions/retry-failed';
import { apiRoute } from '@/lib/http/route';

// POST /replication/api/execution/retry/{id}: a new run of only the failed artifacts of a finished one.
export const POST = apiRoute({}, async ({ db, params }) => {
  return retryFailedArtifacts(db, params.id ?? '', new Date());
});
