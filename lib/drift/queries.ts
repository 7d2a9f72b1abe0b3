import { and, asc, count, desc, eq, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { driftChecks, driftItems, replicaTasks } from '../db/schema';
import type { TaskRow } from '../distribution/queries';
import { newRecordId } from '../ids/new-id';
import { type PageQuery, pageOffset, toPage } from '../paging/page';
import { nextFireTime } from '../schedule/cron';
import { pruneDriftChecks } from './prune-checks';

export type DriftCheckRow = typeof driftChecks.$inferSelect;
export type DriftItemRow = typeof driftItems.$inferSelect;
export type DriftItemValues = Omit<typeof driftItems.$inferInsert, 'id' | 'checkId'>;
type DriftTrigger = DriftCheckRow['trigger'];
export type DriftCounts = Pick<DriftCheckRow, 'inSync' | 'missing' | 'different' | 'extra'>;

/**
 * Starts a check of `task` unless one is running: the task row is locked first, so two callers
 * (two instances, a click and the schedule) cannot both start one. A RUNNING check older than
 * `staleBefore` was left by a stopped instance: it is closed as FAILED and no longer blocks.
 * Returns the new check's id, or null when one is running.
 */
export async function beginDriftCheck(
  db: Db,
  options: { task: Pick<TaskRow, 'id'>; trigger: DriftTrigger; now: Date; staleBefore: Date },
): Promise<string | null> {
  return db.transaction(async (tx) => {
    await tx.select({ id: replicaTasks.id }).from(replicaTasks).where(eq(replicaTasks.id, options.task.id)).for('update');
    return beginLocked(tx, options);
  });
}

async function beginLocked(
  tx: Db,
  options: { task: Pick<TaskRow, 'id'>; trigger: DriftTrigger; now: Date; staleBefore: Date },
): Promise<string | null> {
  const running = and(eq(driftChecks.taskId, options.task.id), eq(driftChecks.status, 'RUNNING'));
  await tx
    .update(driftChecks)
    .set({ status: 'FAILED', finishedAt: options.now, errorReason: 'abandoned: the instance running this check stopped' })
    .where(and(running, lt(driftChecks.startedAt, options.staleBefore)));
  const [busy] = await tx.select({ id: driftChecks.id }).from(driftChecks).where(running).limit(1);
  if (busy) return null;
  const id = newRecordId();
  await tx.insert(driftChecks).values({ id, taskId: options.task.id, trigger: options.trigger, status: 'RUNNING', startedAt: options.now });
  return id;
}

/** Ends a check: its counts, and its out-of-sync items (in-sync artifacts are only counted). */
export async function finishDriftCheck(
  db: Db,
  options: {
    checkId: string;
    status: 'DONE' | 'PARTIAL' | 'FAILED';
    counts: DriftCounts;
    items: DriftItemValues[];
    errorReason: string | null;
    now: Date;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = options.items.map((item) => ({ ...item, checkId: options.checkId }));
    // 500 rows a statement keeps each well under PostgreSQL's 65535 bind parameters.
    for (let i = 0; i < rows.length; i += 500) await tx.insert(driftItems).values(rows.slice(i, i + 500));
    await tx
      .update(driftChecks)
      .set({ status: options.status, ...options.counts, errorReason: options.errorReason, finishedAt: options.now })
      .where(eq(driftChecks.id, options.checkId));
    const [check] = await tx.select({ taskId: driftChecks.taskId }).from(driftChecks).where(eq(driftChecks.id, options.checkId));
    if (check) await pruneDriftChecks(tx, check.taskId);
  });
}

export async function findDriftCheck(db: Db, id: string): Promise<DriftCheckRow | undefined> {
  const [row] = await db.select().from(driftChecks).where(eq(driftChecks.id, id)).limit(1);
  return row;
}

/** A config's newest check (running or ended), or its newest ended one with `ended`. */
export async function findLatestDriftCheck(db: Db, taskId: string, options: { ended?: boolean } = {}): Promise<DriftCheckRow | undefined> {
  const [row] = await db
    .select()
    .from(driftChecks)
    .where(and(eq(driftChecks.taskId, taskId), options.ended ? inArray(driftChecks.status, ['DONE', 'PARTIAL']) : undefined))
    .orderBy(desc(driftChecks.startedAt), desc(driftChecks.id))
    .limit(1);
  return row;
}

/** One page of a check's items, by state then name. */
export async function pageDriftItems(db: Db, checkId: string, query: PageQuery & { state?: DriftItemRow['state'] }) {
  const where = and(eq(driftItems.checkId, checkId), query.state ? eq(driftItems.state, query.state) : undefined);
  const [[total], rows] = await Promise.all([
    db.select({ n: count() }).from(driftItems).where(where),
    db
      .select()
      .from(driftItems)
      .where(where)
      .orderBy(asc(driftItems.state), sql`${driftItems.artifactName} collate "C"`, asc(driftItems.version), asc(driftItems.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
  ]);
  return toPage(rows, total?.n ?? 0, query);
}

/** A check's items in these states (a repair's list). */
export function listDriftItems(db: Db, checkId: string, states: DriftItemRow['state'][]): Promise<DriftItemRow[]> {
  return db
    .select()
    .from(driftItems)
    .where(and(eq(driftItems.checkId, checkId), inArray(driftItems.state, states)));
}

/** The newest check of each config of a repository (configs never checked are absent). */
export async function latestDriftChecksIn(db: Db, repo: { projectName: string; repoName: string }) {
  return db
    .selectDistinctOn([driftChecks.taskId], { name: replicaTasks.name, taskKey: replicaTasks.taskKey, check: driftChecks })
    .from(driftChecks)
    .innerJoin(replicaTasks, eq(replicaTasks.id, driftChecks.taskId))
    .where(and(eq(replicaTasks.projectName, repo.projectName), eq(replicaTasks.repoName, repo.repoName), eq(replicaTasks.kind, 'CONFIG')))
    .orderBy(driftChecks.taskId, desc(driftChecks.startedAt), desc(driftChecks.id));
}

/**
 * Claims the scheduled checks that are due, like fire-due-configs.ts: rows locked with
 * `for update skip locked` (another instance takes the others), verify_next_at advanced to the
 * cron's next time and the RUNNING check inserted in the same transaction, so each due time
 * starts one check across every instance. A due time that finds a check running is passed over.
 */
export async function claimDueDriftChecks(
  db: Db,
  options: { now: Date; staleBefore: Date; limit: number },
): Promise<Array<{ task: TaskRow; checkId: string }>> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(replicaTasks)
      .where(
        and(
          eq(replicaTasks.kind, 'CONFIG'),
          eq(replicaTasks.enabled, true),
          isNotNull(replicaTasks.verifyNextAt),
          lte(replicaTasks.verifyNextAt, options.now),
        ),
      )
      .orderBy(asc(replicaTasks.verifyNextAt))
      .limit(options.limit)
      .for('update', { skipLocked: true });
    const claimed: Array<{ task: TaskRow; checkId: string }> = [];
    for (const task of due) {
      const next = task.verifyCron ? nextFireTime(task.verifyCron, options.now) : null;
      await tx.update(replicaTasks).set({ verifyNextAt: next }).where(eq(replicaTasks.id, task.id));
      const checkId = await beginLocked(tx, { task, trigger: 'SCHEDULE', now: options.now, staleBefore: options.staleBefore });
      if (checkId) claimed.push({ task, checkId });
    }
    return claimed;
  });
}
