import { onExecution } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { cancelExecution } from '@/lib/executions/cancel-execution';

// POST /replication/api/execution/cancel/{id}: stop a queued or running run.
export const POST = apiRoute(
  { path: '/replication/api/execution/cancel/[id]', access: onExecution('MAINTAINER'), audit: 'run.cancel' },
  async ({ db, params, principal }) => {
    await cancelExecution(db, params.id, principal.username, new Date());
    return null;
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
