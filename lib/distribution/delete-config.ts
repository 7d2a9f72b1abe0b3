import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executions, replicaTasks } from '../db/schema';
import { ACTIVE_STATUSES, getConfigOrThrow } from './queries';

/** Deletes a config and its schedule; a queued or running execution is marked CANCELLED (the runner stops it). */
export async function deleteDistributionConfig(
  db: Db,
  options: { projectName: string; repoName: string; name: string; actor: string; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const task = await getConfigOrThrow(tx, options);
    await tx
      .update(executions)
      .set({ status: 'CANCELLED', endTime: options.now, errorReason: `cancelled: config deleted by ${options.actor}` })
      .where(and(eq(executions.taskKey, task.taskKey), inArray(executions.status, [...ACTIVE_STATUSES])));
    await tx.delete(replicaTasks).where(eq(replicaTasks.id, task.id));
  });
}
