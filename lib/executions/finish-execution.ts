import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executionDetails, executions } from '../db/schema';
import { queueRunNotifications } from '../notifications/queue-run-notifications';
import { failureSummary } from './queries';

/**
 * Ends a running run with a final status and frees its lease; its webhook deliveries are queued in
 * the same transaction, so a crash can neither lose them nor announce a run that did not end.
 */
export async function finishExecution(
  db: Db,
  options: { executionId: string; status: 'SUCCESS' | 'FAILED' | 'CANCELLED'; errorReason: string | null; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [finished] = await tx
      .update(executions)
      .set({ status: options.status, errorReason: options.errorReason, endTime: options.now, leaseOwner: null, leaseExpiresAt: null })
      .where(and(eq(executions.id, options.executionId), eq(executions.status, 'RUNNING')))
      .returning();
    if (finished) await queueRunNotifications(tx, finished);
  });
}

/**
 * Ends the run unless real-time events appended work meanwhile (queueExecution locks the same
 * row to append). True when the run is over (finished here, or no longer RUNNING).
 */
export async function finishIfDrained(db: Db, executionId: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(executions).where(eq(executions.id, executionId)).for('update');
    if (locked?.status !== 'RUNNING') return true;
    const [pending] = await tx
      .select({ id: executionDetails.id })
      .from(executionDetails)
      .where(and(eq(executionDetails.executionId, executionId), eq(executionDetails.status, 'PENDING')))
      .limit(1);
    if (pending) return false;
    const failed = locked.failedItems > 0;
    const [finished] = await tx
      .update(executions)
      .set({
        status: failed ? 'FAILED' : 'SUCCESS',
        endTime: now,
        errorReason: failed ? await failureSummary(tx, executionId) : null,
        leaseOwner: null,
        leaseExpiresAt: null,
      })
      .where(eq(executions.id, executionId))
      .returning();
    if (finished) await queueRunNotifications(tx, finished);
    return true;
  });
}

/** FAST_FAIL: the artifacts not yet started are marked not run (naming the failure when known), and the run fails. */
export async function failAtFirstFailure(db: Db, executionId: string, now: Date, firstFailure?: string): Promise<void> {
  const where = firstFailure ? ` at ${firstFailure}` : '';
  await db
    .update(executionDetails)
    .set({ status: 'CANCELLED', errorReason: `not run: the run stopped at the first failure${where} (error strategy FAST_FAIL)` })
    .where(and(eq(executionDetails.executionId, executionId), eq(executionDetails.status, 'PENDING')));
  await finishExecution(db, { executionId, status: 'FAILED', errorReason: await failureSummary(db, executionId), now });
}
