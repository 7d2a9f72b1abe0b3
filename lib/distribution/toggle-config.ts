import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { replicaTasks } from '../db/schema';
import { applyPendingDeletions } from './apply-pending-deletions';
import { computeNextFireAt, wakeRunnerIfDue } from './next-fire';
import { getConfigOrThrow } from './queries';
import type { RepoChange } from './repo-change';

/**
 * Flips `enable`. Enabling re-plans the schedule (an IMMEDIATELY config fires again) and applies the
 * deletions it missed; disabling clears the schedule.
 */
export async function toggleDistributionConfig(db: Db, options: RepoChange & { name: string }): Promise<{ enable: boolean }> {
  return db.transaction(async (tx) => {
    const task = await getConfigOrThrow(tx, options);
    const enabled = !task.enabled;
    const nextFireAt = enabled ? computeNextFireAt(task, options.now) : null;
    const [saved] = await tx
      .update(replicaTasks)
      .set({
        enabled,
        nextFireAt,
        lastModifiedBy: options.actor,
        lastModifiedAt: options.now,
      })
      .where(eq(replicaTasks.id, task.id))
      .returning();
    // Deletions made at the source while it was disabled are queued now (unless re-created meanwhile).
    if (saved?.enabled) await applyPendingDeletions(tx, saved, options.now);
    await wakeRunnerIfDue(tx, nextFireAt, options.now);
    await options.audit?.record(tx, {
      resource: `config/${options.projectName}/${options.repoName}/${options.name}`,
      detail: { changes: { enable: { old: task.enabled, new: enabled } } },
    });
    return { enable: enabled };
  });
}
