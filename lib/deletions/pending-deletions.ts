import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pendingDeletions, replicaTasks } from '../db/schema';
import type { DeletedArtifact } from './exists-at-source';

type Task = typeof replicaTasks.$inferSelect;
type SeenDeletion = DeletedArtifact & { digest: string | null; eventId: number };

/** Whether a config replicates deletions at all (the consumer's and the enable path's test). */
export const replicatesDeletes = (task: Pick<Task, 'replicaType' | 'replicateDeletes'>) =>
  task.replicaType === 'REAL_TIME' && task.replicateDeletes;

/** The detail row of a deletion to apply at the target: no bytes move, so its size is 0. */
export function deleteWork(artifact: DeletedArtifact & { digest: string | null }) {
  return {
    artifactKind: artifact.artifactKind,
    artifactName: artifact.artifactName,
    version: artifact.artifactKind === 'FILE' ? null : artifact.version,
    digest: artifact.digest,
    size: 0,
    operation: 'DELETE' as const,
  };
}

/** A deletion a disabled config saw: kept until it is enabled again. A second one of the same artifact changes nothing. */
export async function recordPendingDeletion(tx: Db, task: Pick<Task, 'id'>, deletion: SeenDeletion): Promise<void> {
  await tx
    .insert(pendingDeletions)
    .values({
      taskId: task.id,
      artifactKind: deletion.artifactKind,
      artifactName: deletion.artifactName,
      version: deletion.artifactKind === 'FILE' ? null : deletion.version,
      digest: deletion.digest,
      eventId: deletion.eventId,
    })
    .onConflictDoNothing();
}

/** The artifact was created again at the source: no config of its repository deletes it any more. */
export async function cancelPendingDeletions(
  tx: Db,
  repo: { projectName: string; repoName: string },
  artifact: DeletedArtifact,
): Promise<void> {
  const tasksOfRepo = tx
    .select({ id: replicaTasks.id })
    .from(replicaTasks)
    .where(and(eq(replicaTasks.projectName, repo.projectName), eq(replicaTasks.repoName, repo.repoName)));
  await tx
    .delete(pendingDeletions)
    .where(
      and(
        inArray(pendingDeletions.taskId, tasksOfRepo),
        eq(pendingDeletions.artifactKind, artifact.artifactKind),
        eq(pendingDeletions.artifactName, artifact.artifactName),
        artifact.artifactKind === 'FILE' || artifact.version === null
          ? isNull(pendingDeletions.version)
          : eq(pendingDeletions.version, artifact.version),
      ),
    );
}
