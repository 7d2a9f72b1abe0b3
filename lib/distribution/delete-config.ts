import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executions, replicaTasks } from '../db/schema';
import { getRepositoryOrThrow } from '../projects/queries';
import { ACTIVE_STATUSES, getTaskOrThrow } from './queries';

/** Deletes a config and its schedule; a queued or running execution is marked CANCELLED (the runner stops it). */
export async function deleteDistributionConfig(
  db: Db,
  options: { projectName: string; repoName: string; name: string; actor: string; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await getRepositoryOrThrow(tx, options.projectName, options.repoName);
    const task = await getTaskOrThrow(tx, {
      projectName: options.projectName,
      repoName: options.repoName,
      kind: 'CONFIG',
      name: options.name,
    });
    await tx
      .update(executions)
      .set({ status: 'CANCELLED', endTime: options.now, errorReason: `cancelled: config deleted by ${options.actor}` })
      .where(and(eq(executions.taskKey, task.taskKey), inArray(executions.status, [...ACTIVE_STATUSES])));
    await tx.delete(replicaTasks).where(eq(replicaTasks.id, task.id));
  });
}
