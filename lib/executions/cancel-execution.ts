import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executionDetails, executions } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { ACTIVE_STATUSES, getExecutionOrThrow } from './queries';

/** Marks a queued or running execution CANCELLED; the worker notices at its next flush or heartbeat and stops. */
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

/** Cancels a task's queued or running run because the task goes away (the runner stops it). */
export async function cancelActiveExecutions(db: Db, options: { taskKey: string; reason: string; now: Date }): Promise<void> {
  await db
    .update(executions)
    .set({ status: 'CANCELLED', endTime: options.now, errorReason: options.reason })
    .where(and(eq(executions.taskKey, options.taskKey), inArray(executions.status, [...ACTIVE_STATUSES])));
}
