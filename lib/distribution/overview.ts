import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { executions, replicaTasks, repositories } from '../db/schema';
import { toExecutionInfo } from '../executions/present';
import { latestExecutionOf } from '../executions/queries';
import { toConfigInfo } from './present';

/** The projects the caller sees (null: all of them). */
type Visible = string[] | null;

const LIST_LIMIT = 10;
const RUNNING_LIMIT = 50;
const inVisible = (visible: Visible) => (visible === null ? undefined : inArray(replicaTasks.projectName, visible));
const newer = alias(executions, 'newer');
const taskRef = {
  kind: replicaTasks.kind,
  projectId: replicaTasks.projectName,
  repoName: replicaTasks.repoName,
  name: replicaTasks.name,
  taskKey: replicaTasks.taskKey,
};

// Each query below is a builder the overview test EXPLAINs; together they read a bounded number of
// rows however many configs and runs there are, so the overview never lists every config.

/** Configs by state, counted in the database (the newest run's status by one index probe per config). */
export function selectConfigCounts(db: Db, visible: Visible) {
  const latest = latestExecutionOf(db, replicaTasks.taskKey);
  const counted = (condition: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
  return db
    .select({
      total: count(),
      enabled: counted(sql`${replicaTasks.enabled}`),
      disabled: counted(sql`not ${replicaTasks.enabled}`),
      realTime: counted(sql`${replicaTasks.replicaType} = 'REAL_TIME'`),
      scheduled: counted(sql`${replicaTasks.replicaType} = 'SCHEDULED'`),
      failing: counted(sql`${latest.status} = 'FAILED'`),
    })
    .from(replicaTasks)
    .leftJoinLateral(latest, sql`true`)
    .where(and(eq(replicaTasks.kind, 'CONFIG'), inVisible(visible)));
}

/** Queued and running runs, oldest first (the partial index `executions_one_active_per_task`). */
export function selectRunningRuns(db: Db, visible: Visible) {
  return db
    .select({ task: taskRef, run: executions })
    .from(executions)
    .innerJoin(replicaTasks, eq(replicaTasks.taskKey, executions.taskKey))
    .where(and(sql`${executions.status} in ('QUEUED', 'RUNNING')`, inVisible(visible)))
    .orderBy(asc(executions.queuedAt))
    .limit(RUNNING_LIMIT);
}

/** Configs and tasks whose newest run failed, most recent failure first (`executions_failed_recent`). */
export function selectRecentFailures(db: Db, visible: Visible) {
  const newerRun = db
    .select({ one: sql`1` })
    .from(newer)
    .where(and(eq(newer.taskKey, executions.taskKey), sql`(${newer.queuedAt}, ${newer.id}) > (${executions.queuedAt}, ${executions.id})`));
  return db
    .select({ task: taskRef, run: executions })
    .from(executions)
    .innerJoin(replicaTasks, eq(replicaTasks.taskKey, executions.taskKey))
    .where(and(sql`${executions.status} = 'FAILED'`, sql`not exists (${newerRun})`, inVisible(visible)))
    .orderBy(desc(executions.endTime))
    .limit(LIST_LIMIT);
}

/** Enabled configs by next fire time (the partial index `replica_tasks_due`). */
export function selectUpcomingConfigs(db: Db, visible: Visible) {
  return db
    .select()
    .from(replicaTasks)
    .where(
      and(sql`${replicaTasks.enabled} and ${replicaTasks.nextFireAt} is not null`, eq(replicaTasks.kind, 'CONFIG'), inVisible(visible)),
    )
    .orderBy(asc(replicaTasks.nextFireAt))
    .limit(LIST_LIMIT);
}

function countRepositories(db: Db, visible: Visible) {
  return db
    .select({ n: count() })
    .from(repositories)
    .where(visible === null ? undefined : inArray(repositories.projectName, visible));
}

type RunRow = {
  task: { kind: 'CONFIG' | 'RUN_ONCE'; projectId: string; repoName: string; name: string; taskKey: string };
  run: typeof executions.$inferSelect;
};
const toRunItem = ({ task, run }: RunRow) => ({ ...task, run: toExecutionInfo(run) });

/** Distribution across the repositories the caller sees: counts and a few rows of each list. */
export async function getOverview(db: Db, visible: Visible) {
  const [[counts], running, failures, upcoming, [repos]] = await Promise.all([
    selectConfigCounts(db, visible),
    selectRunningRuns(db, visible),
    selectRecentFailures(db, visible),
    selectUpcomingConfigs(db, visible),
    countRepositories(db, visible),
  ]);
  return {
    repoCount: repos?.n ?? 0,
    counts: counts ?? { total: 0, enabled: 0, disabled: 0, realTime: 0, scheduled: 0, failing: 0 },
    running: running.map(toRunItem),
    failures: failures.map(toRunItem),
    upcoming: upcoming.map((row) => toConfigInfo(row, undefined)),
  };
}
export type Overview = Awaited<ReturnType<typeof getOverview>>;
