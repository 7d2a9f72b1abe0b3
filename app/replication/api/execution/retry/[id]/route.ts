import { retryFailedArtifacts } from '@/lib/executions/operations';
import { apiRoute } from '@/lib/http/route';
import { wakeRunner } from '@/lib/runner/start-runner';

// POST /replication/api/execution/retry/{id}: a new run of only the failed artifacts of a finished one.
export const POST = apiRoute({}, async ({ db, params }) => {
  const queued = await retryFailedArtifacts(db, params.id ?? '', new Date());
  wakeRunner();
  return queued;
});
