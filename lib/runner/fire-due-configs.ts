import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { replicaTasks } from '../db/schema';
import { computeNextFireAt } from '../distribution/next-fire';
import { queueExecution } from '../executions/queue-execution';

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
    const next = computeNextFireAt(task, now, { justFired: true });
    const won = await db.transaction(async (tx) => {
      const advanced = await tx
        .update(replicaTasks)
        .set({ nextFireAt: next })
        .where(and(eq(replicaTasks.id, task.id), eq(replicaTasks.nextFireAt, firedAt)))
        .returning({ id: replicaTasks.id });
      if (advanced.length === 0) return false;
      await queueExecution(tx, { trigger: 'SCHEDULE', task, firedAt, now });
      return true;
    });
    if (won) fired++;
  }
  return fired;
}
