import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executions, replicaTasks } from '../db/schema';
import { isUniqueViolation } from '../http/app-error';
import { newRecordId } from '../ids/new-id';
import { nextFireTime } from '../schedule/cron';

/**
 * Starts every scheduled config whose fire time has come. Advancing next_fire_at is a
 * compare-and-set on the old value, so across any number of instances each occurrence starts
 * exactly once. A fire time that finds the previous run still going is recorded as SKIPPED.
 */
export async function fireDueConfigs(db: Db, now: Date): Promise<number> {
  const due = await db
    .select()
    .from(replicaTasks)
    .where(
      and(
        eq(replicaTasks.kind, 'CONFIG'),
        eq(replicaTasks.replicaType, 'SCHEDULED'),
        eq(replicaTasks.enabled, true),
        isNotNull(replicaTasks.nextFireAt),
        lte(replicaTasks.nextFireAt, now),
      ),
    );
  let fired = 0;
  for (const task of due) {
    const firedAt = task.nextFireAt;
    if (!firedAt) continue;
    // Missed occurrences (server down) collapse into this one run; the next is planned from now.
    const next = task.executionStrategy === 'CRON_EXPRESSION' && task.cronExpression ? nextFireTime(task.cronExpression, now) : null;
    const won = await db.transaction(async (tx) => {
      const advanced = await tx
        .update(replicaTasks)
        .set({ nextFireAt: next })
        .where(and(eq(replicaTasks.id, task.id), eq(replicaTasks.nextFireAt, firedAt)))
        .returning({ id: replicaTasks.id });
      if (advanced.length === 0) return false;
      await queueScheduledRun(tx, task, firedAt, now);
      return true;
    });
    if (won) fired++;
  }
  return fired;
}

async function queueScheduledRun(tx: Db, task: typeof replicaTasks.$inferSelect, firedAt: Date, now: Date): Promise<void> {
  const values = { taskId: task.id, taskKey: task.taskKey, trigger: 'SCHEDULE' as const, queuedAt: firedAt };
  try {
    await tx.transaction(async (savepoint) => {
      await savepoint.insert(executions).values({ ...values, id: newRecordId(), status: 'QUEUED' });
    });
  } catch (error) {
    if (!isUniqueViolation(error, 'executions_one_active_per_task')) throw error;
    await tx.insert(executions).values({
      ...values,
      id: newRecordId(),
      status: 'SKIPPED',
      startTime: now,
      endTime: now,
      errorReason: 'skipped: the previous run of this config was still going at this fire time',
    });
  }
}
