import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executionDetails, executions, type replicaTasks } from '../db/schema';
import { AppError, isUniqueViolation } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import { ACTIVE_STATUSES, type ExecutionDetailValues, type ExecutionRow } from './queries';

type Task = Pick<typeof replicaTasks.$inferSelect, 'id' | 'taskKey' | 'projectName' | 'repoName' | 'name'>;
/** One artifact a run is to copy (PENDING unless planned as FAILED); row and run ids are filled in here. */
export type QueuedArtifact = Omit<ExecutionDetailValues, 'id' | 'executionId'>;

export type QueueExecutionOptions = { task: Task; now: Date } & (
  | { trigger: 'MANUAL' }
  /** `firedAt` is the schedule's fire time, recorded as the queued time. */
  | { trigger: 'SCHEDULE'; firedAt: Date }
  | { trigger: 'REAL_TIME'; artifact: QueuedArtifact }
  | { trigger: 'RETRY'; artifacts: QueuedArtifact[]; field?: string }
  /** A drift repair: the out-of-sync artifacts of a check; the runner overwrites them at the target. */
  | { trigger: 'REPAIR'; artifacts: QueuedArtifact[] }
);

/** QUEUED: a new run; APPENDED: the artifact joined the active run; SKIPPED: a fire time was recorded as skipped. */
export type QueueResult = { executionId: string; outcome: 'QUEUED' | 'APPENDED' | 'SKIPPED' };

const ONE_ACTIVE_PER_TASK = 'executions_one_active_per_task';

/**
 * The only way a run is queued. A task has at most one queued-or-running run (a partial unique
 * index). When one exists — seen up front, or created by a concurrent transaction between the look
 * and the insert — the policy is the same: MANUAL RETRY and REPAIR answer 250303, SCHEDULE records the fire
 * time as SKIPPED, REAL_TIME appends the artifact to the active run. The insert wakes the runners
 * (the notify_runner trigger), once the caller's transaction commits.
 */
export async function queueExecution(db: Db, options: QueueExecutionOptions): Promise<QueueResult> {
  return db.transaction(async (tx) => {
    const active = await lockActiveExecution(tx, options.task.taskKey);
    if (active) return whenActive(tx, active, options);
    const id = newRecordId();
    try {
      // A savepoint, so a lost race leaves the caller's transaction usable.
      await tx.transaction(async (savepoint) => {
        await savepoint.insert(executions).values({
          id,
          taskId: options.task.id,
          taskKey: options.task.taskKey,
          status: 'QUEUED',
          trigger: options.trigger,
          queuedAt: options.trigger === 'SCHEDULE' ? options.firedAt : options.now,
        });
      });
    } catch (error) {
      if (!isUniqueViolation(error, ONE_ACTIVE_PER_TASK)) throw error;
      // The unique check waited for the winner to commit, so it is visible now.
      const winner = await lockActiveExecution(tx, options.task.taskKey);
      if (!winner) throw error;
      return whenActive(tx, winner, options);
    }
    if (options.trigger === 'REAL_TIME') await addArtifacts(tx, id, [options.artifact]);
    if (options.trigger === 'RETRY' || options.trigger === 'REPAIR') await addArtifacts(tx, id, options.artifacts);
    return { executionId: id, outcome: 'QUEUED' };
  });
}

async function lockActiveExecution(db: Db, taskKey: string): Promise<ExecutionRow | undefined> {
  const [row] = await db
    .select()
    .from(executions)
    .where(and(eq(executions.taskKey, taskKey), inArray(executions.status, [...ACTIVE_STATUSES])))
    .for('update');
  return row;
}

async function whenActive(db: Db, active: ExecutionRow, options: QueueExecutionOptions): Promise<QueueResult> {
  const { task, now } = options;
  switch (options.trigger) {
    case 'REAL_TIME':
      // The active run's row is locked, so the runner's drained check cannot finish it meanwhile.
      await addArtifacts(db, active.id, [options.artifact]);
      return { executionId: active.id, outcome: 'APPENDED' };
    case 'SCHEDULE': {
      const id = newRecordId();
      await db.insert(executions).values({
        id,
        taskId: task.id,
        taskKey: task.taskKey,
        status: 'SKIPPED',
        trigger: 'SCHEDULE',
        queuedAt: options.firedAt,
        startTime: now,
        endTime: now,
        errorReason: 'skipped: the previous run of this config was still going at this fire time',
      });
      return { executionId: id, outcome: 'SKIPPED' };
    }
    default:
      throw new AppError(
        ErrorCode.TASK_STATUS_INVALID,
        `[${task.projectName}/${task.repoName}/${task.name}] is running; wait for the run to finish or cancel it first`,
        options.trigger === 'RETRY' ? (options.field ?? 'id') : 'name',
      );
  }
}

/** Adds artifact rows to a run and counts them in its totals (a FAILED one as failed already). */
export async function addArtifacts(db: Db, executionId: string, artifacts: QueuedArtifact[]): Promise<void> {
  if (artifacts.length === 0) return;
  const rows = artifacts.map((artifact) => ({ ...artifact, id: newRecordId(), executionId, status: artifact.status ?? 'PENDING' }));
  // 500 rows a statement keeps each well under PostgreSQL's 65535 bind parameters.
  for (let i = 0; i < rows.length; i += 500) await db.insert(executionDetails).values(rows.slice(i, i + 500));
  await db
    .update(executions)
    .set({
      totalItems: sql`${executions.totalItems} + ${rows.length}`,
      failedItems: sql`${executions.failedItems} + ${rows.filter((row) => row.status === 'FAILED').length}`,
      totalBytes: sql`${executions.totalBytes} + ${rows.reduce((sum, row) => sum + (row.size ?? 0), 0)}`,
    })
    .where(eq(executions.id, executionId));
}
