import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { driftChecks } from '../db/schema';

/** Ended checks a config keeps: its newest (the list, repair and the metric read it) and a few before. */
const KEPT_CHECKS = 10;

/**
 * Drops a config's ended checks beyond its newest `keep` (their items go with them, cascade), so a
 * verifyCron every few minutes cannot pile up rows without end. Running checks are never touched.
 */
export async function pruneDriftChecks(db: Db, taskId: string, keep = KEPT_CHECKS): Promise<number> {
  const kept = db
    .select({ id: driftChecks.id })
    .from(driftChecks)
    .where(and(eq(driftChecks.taskId, taskId), ne(driftChecks.status, 'RUNNING')))
    .orderBy(sql`${driftChecks.startedAt} desc, ${driftChecks.id} desc`)
    .limit(Math.max(1, keep));
  const deleted = await db
    .delete(driftChecks)
    .where(and(eq(driftChecks.taskId, taskId), ne(driftChecks.status, 'RUNNING'), sql`${driftChecks.id} not in (${kept})`))
    .returning({ id: driftChecks.id });
  return deleted.length;
}
