import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executionDetails, replicaTasks } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { getExecutionOrThrow, isActiveStatus } from './queries';
import { queueExecution } from './queue-execution';

/** Queues a new run of only the failed (and never-run) artifacts of a finished execution. */
export async function retryFailedArtifacts(db: Db, id: string, now: Date): Promise<{ id: string }> {
  const execution = await getExecutionOrThrow(db, id);
  const [task] = execution.taskId ? await db.select().from(replicaTasks).where(eq(replicaTasks.id, execution.taskId)).limit(1) : [];
  if (!task) throw new AppError(ErrorCode.REPLICA_TASK_NOT_FOUND, `The config or task of execution [${id}] was deleted`, 'id');
  if (isActiveStatus(execution.status)) {
    throw new AppError(ErrorCode.TASK_STATUS_INVALID, `Execution [${id}] is still ${execution.status}`, 'id');
  }
  const failed = await db
    .select()
    .from(executionDetails)
    .where(and(eq(executionDetails.executionId, id), inArray(executionDetails.status, ['FAILED', 'CANCELLED'])));
  if (failed.length === 0) throw new AppError(ErrorCode.TASK_STATUS_INVALID, `Execution [${id}] has no failed artifacts to retry`, 'id');
  const queued = await queueExecution(db, {
    trigger: 'RETRY',
    task,
    now,
    artifacts: failed.map((d) => ({
      artifactKind: d.artifactKind,
      artifactName: d.artifactName,
      version: d.version,
      targetVersion: d.targetVersion,
      size: d.size,
      digest: d.digest,
      operation: d.operation,
      overwrite: d.overwrite,
      // A signature or SBOM retried is still one: pushed as a referrer of its image.
      subjectDigest: d.subjectDigest,
      artifactType: d.artifactType,
    })),
  });
  return { id: queued.executionId };
}
