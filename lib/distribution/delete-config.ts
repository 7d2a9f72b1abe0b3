import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { replicaTasks } from '../db/schema';
import { cancelActiveExecutions } from '../executions/cancel-execution';
import { getConfigOrThrow } from './queries';
import type { RepoChange } from './repo-change';

/** Deletes a config and its schedule; a queued or running execution is marked CANCELLED (the runner stops it). */
export async function deleteDistributionConfig(db: Db, options: RepoChange & { name: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const task = await getConfigOrThrow(tx, options);
    await cancelActiveExecutions(tx, { taskKey: task.taskKey, reason: `cancelled: config deleted by ${options.actor}`, now: options.now });
    await tx.delete(replicaTasks).where(eq(replicaTasks.id, task.id));
    await options.audit?.record(tx, { resource: `config/${options.projectName}/${options.repoName}/${options.name}` });
  });
}
