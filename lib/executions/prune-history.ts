import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { executionDetails, executions } from '../db/schema';

const DAY = 86_400_000;
const newer = alias(executions, 'newer');

/**
 * One batch of runs past retention: finished before the cutoff, and not the newest run of their
 * task (so every config keeps its "last run"). Oldest first. The builder, so tests can EXPLAIN it.
 */
export function selectExpiredExecutions(db: Db, cutoff: Date, batchSize: number) {
  return db
    .select({ id: executions.id })
    .from(executions)
    .where(
      and(
        // Spelled as the partial index `executions_finished_end` is, so the planner matches it.
        sql`${executions.status} not in ('QUEUED', 'RUNNING')`,
        lt(executions.endTime, cutoff),
        sql`exists (${db
          .select({ one: sql`1` })
          .from(newer)
          .where(
            and(eq(newer.taskKey, executions.taskKey), sql`(${newer.queuedAt}, ${newer.id}) > (${executions.queuedAt}, ${executions.id})`),
          )})`,
      ),
    )
    .orderBy(executions.endTime)
    .limit(batchSize);
}

/**
 * Deletes finished runs (and their artifact rows) that ended more than `days` ago, in batches of
 * `batchSize`, each its own short transaction so the runner is never blocked for long. Never a
 * queued or running run, never a task's newest run. `days` 0 keeps everything.
 */
export async function pruneExecutionHistory(
  db: Db,
  options: { now: Date; days: number; batchSize?: number },
): Promise<{ executionsPruned: number; executionDetailsPruned: number }> {
  const pruned = { executionsPruned: 0, executionDetailsPruned: 0 };
  if (options.days <= 0) return pruned;
  const cutoff = new Date(options.now.getTime() - options.days * DAY);
  const batchSize = options.batchSize ?? 500;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const ids = (await selectExpiredExecutions(tx, cutoff, batchSize)).map((row) => row.id);
      if (ids.length === 0) return 0;
      const details = await tx
        .delete(executionDetails)
        .where(inArray(executionDetails.executionId, ids))
        .returning({ id: executionDetails.id });
      // A finished run never becomes active again (a retry is a new run), so the ids stay valid.
      const runs = await tx.delete(executions).where(inArray(executions.id, ids)).returning({ id: executions.id });
      pruned.executionDetailsPruned += details.length;
      pruned.executionsPruned += runs.length;
      return ids.length;
    });
    if (batch < batchSize) return pruned;
  }
}
