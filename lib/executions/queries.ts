import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { type ExecutionStatus, executionDetails, executions, replicaTasks } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { type Page, type PageQuery, pageOffset, toPage } from '../paging/page';
import { toExecutionDetail, toExecutionInfo, toExecutionInProject } from './present';
import { ACTIVE_STATUSES, isActiveStatus } from './statuses';

export type ExecutionRow = typeof executions.$inferSelect;
export type ExecutionDetailRow = typeof executionDetails.$inferSelect;
export type ExecutionDetailValues = typeof executionDetails.$inferInsert;

export { ACTIVE_STATUSES, isActiveStatus };

export async function getExecutionOrThrow(db: Db, id: string): Promise<ExecutionRow> {
  const [row] = await db.select().from(executions).where(eq(executions.id, id)).limit(1);
  if (!row) throw new AppError(ErrorCode.RESOURCE_NOT_FOUND, `Execution [${id}] not found`, 'id');
  return row;
}

/** The run with the project and repository of its config or task (null once that was deleted). */
export async function getExecutionInProjectOrThrow(db: Db, id: string) {
  const row = await getExecutionOrThrow(db, id);
  const [task] = await db
    .select({ projectId: replicaTasks.projectName, repoName: replicaTasks.repoName })
    .from(replicaTasks)
    .where(eq(replicaTasks.taskKey, row.taskKey))
    .limit(1);
  return toExecutionInProject(row, task ?? null);
}

export async function findActiveExecution(db: Db, taskKey: string): Promise<ExecutionRow | undefined> {
  const [row] = await db
    .select()
    .from(executions)
    .where(and(eq(executions.taskKey, taskKey), inArray(executions.status, [...ACTIVE_STATUSES])))
    .limit(1);
  return row;
}

/** Names of a repository's configs and tasks that have a queued or running execution. */
export async function activeTaskNamesInRepository(db: Db, projectName: string, repoName: string): Promise<string[]> {
  const rows = await db
    .select({ name: replicaTasks.name })
    .from(replicaTasks)
    .innerJoin(executions, eq(executions.taskKey, replicaTasks.taskKey))
    .where(
      and(eq(replicaTasks.projectName, projectName), eq(replicaTasks.repoName, repoName), inArray(executions.status, [...ACTIVE_STATUSES])),
    );
  return [...new Set(rows.map((row) => row.name))];
}

/**
 * The newest run of the task whose key is `taskKey` (a column of the outer query): a LATERAL
 * subquery, so a list of tasks costs one probe of `executions_task_latest` per task.
 */
export function latestExecutionOf(db: Db, taskKey: AnyPgColumn) {
  return db
    .select()
    .from(executions)
    .where(eq(executions.taskKey, taskKey))
    .orderBy(desc(executions.queuedAt), desc(executions.id))
    .limit(1)
    .as('latest_execution');
}

/** The newest run of one task. */
export async function findLatestExecution(db: Db, taskKey: string): Promise<ExecutionRow | undefined> {
  const [row] = await selectExecutions(db, { taskKey }, { pageNumber: 1, pageSize: 1 });
  return row;
}

export type ExecutionListFilter = { taskKey: string; status?: readonly ExecutionStatus[] };

const executionListWhere = (filter: ExecutionListFilter) =>
  and(eq(executions.taskKey, filter.taskKey), filter.status?.length ? inArray(executions.status, [...filter.status]) : undefined);

/** One page of a task's runs, newest first (the builder, so tests can EXPLAIN the query the app runs). */
export function selectExecutions(db: Db, filter: ExecutionListFilter, query: PageQuery) {
  return db
    .select()
    .from(executions)
    .where(executionListWhere(filter))
    .orderBy(desc(executions.queuedAt), desc(executions.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
}

export function countExecutions(db: Db, filter: ExecutionListFilter) {
  return db.select({ n: count() }).from(executions).where(executionListWhere(filter));
}

/** A config's or task's runs, newest first, optionally of some statuses only. */
export async function listExecutions(
  db: Db,
  filter: ExecutionListFilter,
  query: PageQuery,
): Promise<Page<ReturnType<typeof toExecutionInfo>>> {
  const [[total], rows] = await Promise.all([countExecutions(db, filter), selectExecutions(db, filter, query)]);
  return toPage(rows.map(toExecutionInfo), total?.n ?? 0, query);
}

// A referrer sorts right after the version of its subject (the first tag naming that digest in the
// run), so a page lists an image's signatures and SBOMs under it; other rows sort by their own version.
const subjectRows = alias(executionDetails, 'subject_rows');
const subjectVersion = sql`coalesce((select min(${subjectRows.version}) from ${executionDetails} as ${sql.identifier('subject_rows')} where ${subjectRows.executionId} = ${executionDetails.executionId} and ${subjectRows.artifactName} = ${executionDetails.artifactName} and ${subjectRows.digest} = ${executionDetails.subjectDigest} and ${subjectRows.subjectDigest} is null), ${executionDetails.version})`;

export async function listExecutionDetails(db: Db, id: string, query: PageQuery & { status?: ExecutionDetailRow['status'] }) {
  await getExecutionOrThrow(db, id);
  const where = and(eq(executionDetails.executionId, id), query.status ? eq(executionDetails.status, query.status) : undefined);
  const [total] = await db.select({ n: count() }).from(executionDetails).where(where);
  const rows = await db
    .select()
    .from(executionDetails)
    .where(where)
    .orderBy(
      asc(executionDetails.artifactName),
      asc(subjectVersion),
      asc(sql`${executionDetails.subjectDigest} is not null`),
      asc(executionDetails.version),
      asc(executionDetails.id),
    )
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return toPage(rows.map(toExecutionDetail), total?.n ?? 0, query);
}

/** Whether the run already has its artifact rows (planned, appended by events, or copied by a retry). */
export async function hasArtifacts(db: Db, executionId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: executionDetails.id })
    .from(executionDetails)
    .where(eq(executionDetails.executionId, executionId))
    .limit(1);
  return row !== undefined;
}

/** The next artifacts of a run still waiting to be copied, oldest first. */
export async function listPendingArtifacts(db: Db, executionId: string, limit: number): Promise<ExecutionDetailRow[]> {
  return db
    .select()
    .from(executionDetails)
    .where(and(eq(executionDetails.executionId, executionId), eq(executionDetails.status, 'PENDING')))
    .orderBy(asc(executionDetails.id))
    .limit(limit);
}

/** The errorReason of a failed run: how many artifacts failed and the first failure. */
export async function failureSummary(db: Db, executionId: string): Promise<string> {
  const failed = await db
    .select({ name: executionDetails.artifactName, version: executionDetails.version, error: executionDetails.errorReason })
    .from(executionDetails)
    .where(and(eq(executionDetails.executionId, executionId), eq(executionDetails.status, 'FAILED')))
    .orderBy(asc(executionDetails.endTime));
  const first = failed[0];
  if (!first) return 'the run stopped';
  const what = first.version ? `${first.name}:${first.version}` : first.name;
  return `${failed.length} artifact(s) failed; first: ${what}: ${first.error}`;
}
