import { eq } from 'drizzle-orm';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../db/client';
import { replicaTasks } from '../db/schema';
import { cancelActiveExecutions } from '../executions/cancel-execution';
import { getConfigOrThrow } from './queries';

/** Deletes a config and its schedule; a queued or running execution is marked CANCELLED (the runner stops it). */
export async function deleteDistributionConfig(
  db: Db,
  options: { projectName: string; repoName: string; name: string; actor: string; now: Date; audit?: AuditTrail },
): Promise<void> {
  await db.transaction(async (tx) => {
    const task = await getConfigOrThrow(tx, options);
    await cancelActiveExecutions(tx, { taskKey: task.taskKey, reason: `cancelled: config deleted by ${options.actor}`, now: options.now });
    await tx.delete(replicaTasks).where(eq(replicaTasks.id, task.id));
    await options.audit?.record(tx, { resource: `config/${options.projectName}/${options.repoName}/${options.name}` });
  });
}
