import { and, asc, count, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { escapeLike } from '../db/like';
import { type ExecutionStatus, replicaTasks } from '../db/schema';
import { type ExecutionRow, findActiveExecution, latestExecutionOf } from '../executions/queries';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { type Page, type PageQuery, pageOffset, toPage } from '../paging/page';
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

export type TaskListFilter = {
  projectName: string;
  repoName: string;
  kind: TaskKind;
  /** Exactly this name (bk-repo's `info/{projectId}/{repoName}/{name}`). */
  name?: string;
  /** Names containing this text, case-insensitively. */
  nameContains?: string;
  enabled?: boolean;
  replicaType?: TaskRow['replicaType'];
  /** Tasks whose newest run has one of these statuses. */
  lastStatus?: readonly ExecutionStatus[];
};

function taskListWhere(filter: TaskListFilter, latest: ReturnType<typeof latestExecutionOf>) {
  return and(
    tasksOfKindIn(filter),
    filter.name === undefined ? undefined : eq(replicaTasks.name, filter.name),
    filter.nameContains ? ilike(replicaTasks.name, `%${escapeLike(filter.nameContains)}%`) : undefined,
    filter.enabled === undefined ? undefined : eq(replicaTasks.enabled, filter.enabled),
    filter.replicaType === undefined ? undefined : eq(replicaTasks.replicaType, filter.replicaType),
    filter.lastStatus?.length ? inArray(latest.status, [...filter.lastStatus]) : undefined,
  );
}

/**
 * A repository's configs (or run-once tasks) by name, each with its newest run, one page of them
 * with `page` (all without, as bk-repo's unpaged list). Builders, so tests EXPLAIN what the app runs.
 */
export function selectTaskList(db: Db, filter: TaskListFilter, page?: PageQuery) {
  const latest = latestExecutionOf(db, replicaTasks.taskKey);
  const query = db
    .select()
    .from(replicaTasks)
    .leftJoinLateral(latest, sql`true`)
    .where(taskListWhere(filter, latest))
    .orderBy(asc(replicaTasks.name))
    .$dynamic();
  return page ? query.limit(page.pageSize).offset(pageOffset(page)) : query;
}

export function countTaskList(db: Db, filter: TaskListFilter) {
  const latest = latestExecutionOf(db, replicaTasks.taskKey);
  const query = db.select({ n: count() }).from(replicaTasks).$dynamic();
  // The newest run is looked up only when a filter needs it.
  return (filter.lastStatus?.length ? query.leftJoinLateral(latest, sql`true`) : query).where(taskListWhere(filter, latest));
}

export type TaskWithLatest = { task: TaskRow; latest: ExecutionRow | null };

/** The whole list, or one page of it with its total. */
export async function listTasks(db: Db, filter: TaskListFilter): Promise<TaskWithLatest[]>;
export async function listTasks(db: Db, filter: TaskListFilter, page: PageQuery): Promise<Page<TaskWithLatest>>;
export async function listTasks(db: Db, filter: TaskListFilter, page?: PageQuery): Promise<TaskWithLatest[] | Page<TaskWithLatest>> {
  const toRow = (row: { replica_tasks: TaskRow; latest_execution: ExecutionRow | null }) => ({
    task: row.replica_tasks,
    latest: row.latest_execution,
  });
  if (!page) return (await selectTaskList(db, filter)).map(toRow);
  const [[total], rows] = await Promise.all([countTaskList(db, filter), selectTaskList(db, filter, page)]);
  return toPage(rows.map(toRow), total?.n ?? 0, page);
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
