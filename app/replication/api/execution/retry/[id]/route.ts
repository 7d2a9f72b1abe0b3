import { onExecution } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { retryFailedArtifacts } from '@/lib/executions/retry-failed';

// POST /replication/api/execution/retry/{id}: a new run of only the failed artifacts of a finished one.
export const POST = apiRoute(
  { path: '/replication/api/execution/retry/[id]', access: onExecution('MAINTAINER'), audit: 'run.retry' },
  async ({ db, params }) => {
    return retryFailedArtifacts(db, params.id, new Date());
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
