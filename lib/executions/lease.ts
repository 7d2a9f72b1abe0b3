import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { executionDetails, executions } from '../db/schema';
import { metrics } from '../observability/metrics';
import type { ExecutionRow } from './queries';
import { notifyRunner } from './wake';

/**
 * Claims the oldest queued execution, or a running one whose lease expired (its worker died),
 * with FOR UPDATE SKIP LOCKED so concurrent instances never claim the same row.
 */
export async function claimNextExecution(db: Db, owner: string, leaseMs: number, now: Date): Promise<ExecutionRow | null> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db.transaction(async (tx) => {
    const claimed = await tx.execute(sql`
      select id, status from ${executions}
      where status = 'QUEUED' or (status = 'RUNNING' and lease_expires_at < ${now})
      order by queued_at
      limit 1
      for update skip locked`);
    const candidate = rowsOf<{ id: string; status: string }>(claimed)[0];
    if (!candidate) return null;
    if (candidate.status === 'RUNNING') metrics().leaseTakeovers.inc();
    // Recovered from a dead or stopped worker: its in-flight artifacts start again (every step is idempotent).
    await tx
      .update(executionDetails)
      .set({ status: 'PENDING', bytesDone: 0 })
      .where(and(eq(executionDetails.executionId, candidate.id), eq(executionDetails.status, 'RUNNING')));
    const [row] = await tx
      .update(executions)
      .set({ status: 'RUNNING', leaseOwner: owner, leaseExpiresAt: leaseUntil, startTime: sql`coalesce(${executions.startTime}, ${now})` })
      .where(eq(executions.id, candidate.id))
      .returning();
    return row ?? null;
  });
}

/** The heartbeat: renews the lease; false when the execution was cancelled, deleted or taken over. */
export async function renewLease(db: Db, executionId: string, owner: string, leaseMs: number, now: Date): Promise<boolean> {
  const renewed = await db
    .update(executions)
    .set({ leaseExpiresAt: new Date(now.getTime() + leaseMs) })
    .where(and(eq(executions.id, executionId), eq(executions.leaseOwner, owner), eq(executions.status, 'RUNNING')))
    .returning({ id: executions.id });
  return renewed.length > 0;
}

/**
 * On a graceful stop: hand the runs back at once instead of waiting for their leases to expire,
 * and wake every runner on the database (the notify trigger fires on inserts only). The artifacts
 * the stop interrupted (marked CANCELLED by the aborted transfers) go back to PENDING with the
 * run, so the next owner copies them.
 */
export async function releaseExecutions(db: Db, ids: string[], owner: string): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction(async (tx) => {
    const released = await tx
      .update(executions)
      .set({ status: 'QUEUED', leaseOwner: null, leaseExpiresAt: null })
      .where(and(inArray(executions.id, ids), eq(executions.leaseOwner, owner), eq(executions.status, 'RUNNING')))
      .returning({ id: executions.id });
    if (released.length === 0) return;
    await tx
      .update(executionDetails)
      .set({ status: 'PENDING', bytesDone: 0, endTime: null, errorReason: null })
      .where(
        and(
          inArray(
            executionDetails.executionId,
            released.map((row) => row.id),
          ),
          inArray(executionDetails.status, ['RUNNING', 'CANCELLED']),
        ),
      );
    await notifyRunner(tx, 'executions');
  });
}
