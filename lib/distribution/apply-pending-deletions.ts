import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pendingDeletions } from '../db/schema';
import { existsAtSource } from '../deletions/exists-at-source';
import { deleteWork, replicatesDeletes } from '../deletions/pending-deletions';
import { queueExecution } from '../executions/queue-execution';
import type { TaskRow } from './queries';
import { taskCovers } from './task-scope';

/**
 * Called in the transaction that saves or toggles a config. An enabled config that replicates
 * deletions gets the ones it missed queued as DELETE work, oldest first, except artifacts that
 * exist at the source again; any other config has nothing to apply. Either way the list is cleared.
 */
export async function applyPendingDeletions(tx: Db, task: TaskRow, now: Date): Promise<number> {
  const rows = await tx.delete(pendingDeletions).where(eq(pendingDeletions.taskId, task.id)).returning();
  if (!task.enabled || !replicatesDeletes(task)) return 0;
  const repo = { projectName: task.projectName, repoName: task.repoName };
  let queued = 0;
  for (const row of rows.sort((a, b) => a.eventId - b.eventId)) {
    // Out of the config's scope by now (its rules changed), or at the source again: not deleted.
    if (!taskCovers(task, row) || (await existsAtSource(tx, repo, row))) continue;
    await queueExecution(tx, { trigger: 'REAL_TIME', task, now, artifact: deleteWork(row) });
    queued++;
  }
  return queued;
}
