import { onTaskKey } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { runDurations } from '@/lib/executions/run-durations';

// GET /replication/api/execution/durations/{taskKey}: how long its recent finished runs took (p95, median), for the cron preview.
export const GET = apiRoute({ path: '/replication/api/execution/durations/[taskKey]', access: onTaskKey('VIEWER') }, ({ db, params }) =>
  runDurations(db, params.taskKey),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
