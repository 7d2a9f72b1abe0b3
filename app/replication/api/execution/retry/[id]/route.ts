import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { retryFailedArtifacts } from '@/lib/executions/operations';
import { wakeRunner } from '@/lib/runner/start-runner';

// POST /replication/api/execution/retry/{id}: a new run of only the failed artifacts of a finished one.
export const POST = apiRoute({ path: '/replication/api/execution/retry/[id]' }, async ({ db, params }) => {
  const queued = await retryFailedArtifacts(db, params.id, new Date());
  wakeRunner();
  return queued;
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
