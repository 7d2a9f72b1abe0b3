import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executions, replicaTasks } from '../db/schema';
import type { ExecutionRow } from '../executions/queries';
import { log } from '../http/log';
import { withTrace } from '../http/trace-context';
import { metrics } from '../observability/metrics';

const ENDED = new Set(['SUCCESS', 'FAILED', 'CANCELLED']);

/**
 * Runs a claimed execution in its trace context — the run's id is the traceId and executionId of
 * every line it logs and the X-Request-Id of every request it sends — and counts it in /metrics:
 * started now, finished with the outcome and duration its row holds at the end. A run this
 * instance gave up (lease lost, shutdown) is counted by the instance that ends it.
 */
export function observeRun(db: Db, execution: ExecutionRow, run: () => Promise<void>): Promise<void> {
  return withTrace({ traceId: execution.id, executionId: execution.id }, async () => {
    const [task] = await db
      .select({ clusterId: replicaTasks.clusterId })
      .from(replicaTasks)
      .where(eq(replicaTasks.taskKey, execution.taskKey))
      .limit(1);
    // A run whose config was deleted meanwhile is cancelled at once; it has no target any more.
    const labels = { trigger: execution.trigger, target_kind: task ? (task.clusterId ? 'cluster' : 'registry') : 'none' };
    const m = metrics();
    m.runsStarted.inc(labels);
    log('info', 'run started', { trigger: execution.trigger, targetKind: labels.target_kind });
    try {
      await run();
    } finally {
      const [row] = await db
        .select({
          status: executions.status,
          startTime: executions.startTime,
          endTime: executions.endTime,
          doneBytes: executions.doneBytes,
        })
        .from(executions)
        .where(eq(executions.id, execution.id))
        .catch(() => []);
      if (row && ENDED.has(row.status)) {
        const outcome = { ...labels, outcome: row.status };
        const seconds = row.startTime && row.endTime ? (row.endTime.getTime() - row.startTime.getTime()) / 1000 : undefined;
        m.runsFinished.inc(outcome);
        if (seconds !== undefined) m.runDuration.observe(outcome, seconds);
        log('info', 'run finished', { outcome: row.status, seconds, bytes: row.doneBytes });
      } else {
        log('info', 'run handed back', { status: row?.status });
      }
    }
  });
}
