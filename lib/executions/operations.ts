import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executionDetails, executions } from '../db/schema';
import { ACTIVE_STATUSES, type ExecutionRow } from '../distribution/queries';
import { AppError, isUniqueViolation } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import { type Page, type PageQuery, pageOffset, toPage } from '../paging/page';
import { toExecutionDetail, toExecutionInfo } from './present';

export async function getExecutionOrThrow(db: Db, id: string): Promise<ExecutionRow> {
  const [row] = await db.select().from(executions).where(eq(executions.id, id)).limit(1);
  if (!row) throw new AppError(ErrorCode.RESOURCE_NOT_FOUND, `Execution [${id}] not found`, 'id');
  return row;
}

/** A config's or task's runs, newest first. */
export async function listExecutions(db: Db, taskKey: string, query: PageQuery): Promise<Page<ReturnType<typeof toExecutionInfo>>> {
  const [total] = await db.select({ n: count() }).from(executions).where(eq(executions.taskKey, taskKey));
  const rows = await db
    .select()
    .from(executions)
    .where(eq(executions.taskKey, taskKey))
    .orderBy(desc(executions.queuedAt), desc(executions.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return toPage(rows.map(toExecutionInfo), total?.n ?? 0, query);
}

export async function listExecutionDetails(
  db: Db,
  id: string,
  query: PageQuery & { status?: (typeof executionDetails.$inferSelect)['status'] },
) {
  await getExecutionOrThrow(db, id);
  const where = and(eq(executionDetails.executionId, id), query.status ? eq(executionDetails.status, query.status) : undefined);
  const [total] = await db.select({ n: count() }).from(executionDetails).where(where);
  const rows = await db
    .select()
    .from(executionDetails)
    .where(where)
    .orderBy(asc(executionDetails.artifactName), asc(executionDetails.version), asc(executionDetails.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return toPage(rows.map(toExecutionDetail), total?.n ?? 0, query);
}

/** Marks a queued or running execution CANCELLED; the worker notices at its next heartbeat and stops. */
export async function cancelExecution(db: Db, id: string, actor: string, now: Date): Promise<void> {
  const execution = await getExecutionOrThrow(db, id);
  const cancelled = await db
    .update(executions)
    .set({ status: 'CANCELLED', endTime: now, errorReason: `cancelled by ${actor}` })
    .where(and(eq(executions.id, id), inArray(executions.status, [...ACTIVE_STATUSES])))
    .returning({ id: executions.id });
  if (cancelled.length === 0) {
    throw new AppError(ErrorCode.TASK_STATUS_INVALID, `Execution [${id}] is ${execution.status}, not running; nothing to cancel`, 'id');
  }
  await db
    .update(executionDetails)
    .set({ status: 'CANCELLED', endTime: now })
    .where(and(eq(executionDetails.executionId, id), inArray(executionDetails.status, ['PENDING', 'RUNNING'])));
}

/** Queues a new run of only the failed (and never-run) artifacts of a finished execution. */
export async function retryFailedArtifacts(db: Db, id: string, now: Date): Promise<{ id: string }> {
  const execution = await getExecutionOrThrow(db, id);
  if (!execution.taskId) throw new AppError(ErrorCode.REPLICA_TASK_NOT_FOUND, `The config or task of execution [${id}] was deleted`, 'id');
  if (execution.status === 'QUEUED' || execution.status === 'RUNNING') {
    throw new AppError(ErrorCode.TASK_STATUS_INVALID, `Execution [${id}] is still ${execution.status}`, 'id');
  }
  const failed = await db
    .select()
    .from(executionDetails)
    .where(and(eq(executionDetails.executionId, id), inArray(executionDetails.status, ['FAILED', 'CANCELLED'])));
  if (failed.length === 0) throw new AppError(ErrorCode.TASK_STATUS_INVALID, `Execution [${id}] has no failed artifacts to retry`, 'id');
  const retryId = newRecordId();
  try {
    await db.transaction(async (tx) => {
      await tx.insert(executions).values({
        id: retryId,
        taskId: execution.taskId,
        taskKey: execution.taskKey,
        status: 'QUEUED',
        trigger: 'RETRY',
        queuedAt: now,
        totalItems: failed.length,
        totalBytes: failed.reduce((sum, d) => sum + d.size, 0),
      });
      await tx.insert(executionDetails).values(
        failed.map((d) => ({
          id: newRecordId(),
          executionId: retryId,
          artifactKind: d.artifactKind,
          artifactName: d.artifactName,
          version: d.version,
          targetVersion: d.targetVersion,
          size: d.size,
          digest: d.digest,
        })),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(ErrorCode.TASK_STATUS_INVALID, 'Another run of this task is queued or running; retry when it ends', 'id');
    throw error;
  }
  return { id: retryId };
}
