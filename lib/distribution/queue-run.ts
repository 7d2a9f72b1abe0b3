import type { Db } from '../db/client';
import { executions } from '../db/schema';
import { AppError, isUniqueViolation } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import { assertNotRunning, describeTask, getTaskOrThrow, type TaskIdentity } from './queries';

/** Queues a run of a config or task; 250303 when one is already queued or running. */
export async function queueRun(db: Db, identity: TaskIdentity, trigger: 'MANUAL', now: Date): Promise<{ executionId: string }> {
  const task = await getTaskOrThrow(db, identity);
  await assertNotRunning(db, task);
  const id = newRecordId();
  try {
    await db.insert(executions).values({ id, taskId: task.id, taskKey: task.taskKey, status: 'QUEUED', trigger, queuedAt: now });
  } catch (error) {
    // Two requests raced; the partial unique index let only one through.
    if (isUniqueViolation(error)) {
      throw new AppError(ErrorCode.TASK_STATUS_INVALID, `[${describeTask(task)}] is already running`, 'name');
    }
    throw error;
  }
  return { executionId: id };
}
