import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { replicaTasks } from '../db/schema';
import { findActiveExecution } from '../executions/queries';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { getRepositoryOrThrow } from '../projects/queries';

export type TaskRow = typeof replicaTasks.$inferSelect;
export type TaskValues = typeof replicaTasks.$inferInsert;
export type TaskKind = TaskRow['kind'];
export type TaskIdentity = { projectName: string; repoName: string; kind: TaskKind; name: string };

function describeTask(identity: TaskIdentity): string {
  return `${identity.projectName}/${identity.repoName}/${identity.name}`;
}

/** The configs (or run-once tasks) of one repository. */
export function tasksOfKindIn(where: { projectName: string; repoName: string; kind: TaskKind }) {
  return and(eq(replicaTasks.projectName, where.projectName), eq(replicaTasks.repoName, where.repoName), eq(replicaTasks.kind, where.kind));
}

export async function findTask(db: Db, identity: TaskIdentity): Promise<TaskRow | undefined> {
  const [row] = await db
    .select()
    .from(replicaTasks)
    .where(and(tasksOfKindIn(identity), eq(replicaTasks.name, identity.name)))
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
    .where(and(tasksOfKindIn(filter), filter.name === undefined ? undefined : eq(replicaTasks.name, filter.name)))
    .orderBy(asc(replicaTasks.name));
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

/** A repository's config by name: 251006 when the repository is missing, 250310 when the config is. */
export async function getConfigOrThrow(db: Db, options: { projectName: string; repoName: string; name: string }): Promise<TaskRow> {
  await getRepositoryOrThrow(db, options.projectName, options.repoName);
  return getTaskOrThrow(db, { ...options, kind: 'CONFIG' });
}
