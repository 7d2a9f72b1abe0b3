import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executions, replicaTasks } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { getRepositoryOrThrow } from '../projects/queries';

export type TaskRow = typeof replicaTasks.$inferSelect;
export type TaskValues = typeof replicaTasks.$inferInsert;
export type ExecutionRow = typeof executions.$inferSelect;
export type TaskKind = TaskRow['kind'];
export type TaskIdentity = { projectName: string; repoName: string; kind: TaskKind; name: string };

export const ACTIVE_STATUSES = ['QUEUED', 'RUNNING'] as const;

export function describeTask(identity: TaskIdentity): string {
  return `${identity.projectName}/${identity.repoName}/${identity.name}`;
}

export async function findTask(db: Db, identity: TaskIdentity): Promise<TaskRow | undefined> {
  const [row] = await db
    .select()
    .from(replicaTasks)
    .where(
      and(
        eq(replicaTasks.projectName, identity.projectName),
        eq(replicaTasks.repoName, identity.repoName),
        eq(replicaTasks.kind, identity.kind),
        eq(replicaTasks.name, identity.name),
      ),
    )
    .limit(1);
  return row;
}

export async function getTaskOrThrow(db: Db, identity: TaskIdentity): Promise<TaskRow> {
  const row = await findTask(db, identity);
  if (!row) {
    const what = identity.kind === 'CONFIG' ? 'Distribution config' : 'Run-once task';
    throw new AppError(ErrorCode.REPLICA_TASK_NOT_FOUND, `${what} [${describeTask(identity)}] not found`, 'name');
  }
  return row;
}

export async function listTasks(
  db: Db,
  filter: { projectName: string; repoName: string; kind: TaskKind; name?: string },
): Promise<TaskRow[]> {
  return db
    .select()
    .from(replicaTasks)
    .where(
      and(
        eq(replicaTasks.projectName, filter.projectName),
        eq(replicaTasks.repoName, filter.repoName),
        eq(replicaTasks.kind, filter.kind),
        filter.name === undefined ? undefined : eq(replicaTasks.name, filter.name),
      ),
    )
    .orderBy(asc(replicaTasks.name));
}

export async function findActiveExecution(db: Db, taskKey: string): Promise<ExecutionRow | undefined> {
  const [row] = await db
    .select()
    .from(executions)
    .where(and(eq(executions.taskKey, taskKey), inArray(executions.status, [...ACTIVE_STATUSES])))
    .limit(1);
  return row;
}

/** 250303 while the task has a queued or running execution. */
export async function assertNotRunning(db: Db, task: TaskRow, field = 'name'): Promise<void> {
  if (await findActiveExecution(db, task.taskKey)) {
    throw new AppError(
      ErrorCode.TASK_STATUS_INVALID,
      `[${describeTask(task)}] is running; wait for the run to finish or cancel it first`,
      field,
    );
  }
}

/** The newest execution of each task, keyed by taskKey. */
export async function latestExecutions(db: Db, taskKeys: string[]): Promise<Map<string, ExecutionRow>> {
  const latest = new Map<string, ExecutionRow>();
  if (taskKeys.length === 0) return latest;
  const rows = await db
    .selectDistinctOn([executions.taskKey])
    .from(executions)
    .where(inArray(executions.taskKey, taskKeys))
    .orderBy(executions.taskKey, desc(executions.queuedAt), desc(executions.id));
  for (const row of rows) latest.set(row.taskKey, row);
  return latest;
}

/** A repository's config by name: 251006 when the repository is missing, 250310 when the config is. */
export async function getConfigOrThrow(db: Db, options: { projectName: string; repoName: string; name: string }): Promise<TaskRow> {
  await getRepositoryOrThrow(db, options.projectName, options.repoName);
  return getTaskOrThrow(db, { ...options, kind: 'CONFIG' });
}
