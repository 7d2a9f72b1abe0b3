import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executionDetails, executions } from '../db/schema';

/** What happened to one artifact, as the transfer reports it. */
export type ArtifactOutcome = {
  status: 'SUCCESS' | 'SKIPPED' | 'FAILED';
  conflict: boolean;
  bytesSent: number;
  errorReason: string | null;
};

export async function startArtifact(db: Db, detailId: string, now: Date): Promise<void> {
  await db.update(executionDetails).set({ status: 'RUNNING', startTime: now }).where(eq(executionDetails.id, detailId));
}

/** Records an artifact's outcome and counts it in its run, in one transaction. */
export async function recordArtifactOutcome(
  db: Db,
  options: { executionId: string; detailId: string; outcome: ArtifactOutcome; now: Date },
): Promise<void> {
  const { outcome } = options;
  await db.transaction(async (tx) => {
    await tx
      .update(executionDetails)
      .set({
        status: outcome.status,
        conflict: outcome.conflict,
        bytesDone: outcome.bytesSent,
        errorReason: outcome.errorReason,
        endTime: options.now,
      })
      .where(eq(executionDetails.id, options.detailId));
    await tx
      .update(executions)
      .set({
        doneItems: sql`${executions.doneItems} + ${outcome.status === 'SUCCESS' ? 1 : 0}`,
        skippedItems: sql`${executions.skippedItems} + ${outcome.status === 'SKIPPED' ? 1 : 0}`,
        failedItems: sql`${executions.failedItems} + ${outcome.status === 'FAILED' ? 1 : 0}`,
        conflictItems: sql`${executions.conflictItems} + ${outcome.conflict ? 1 : 0}`,
      })
      .where(eq(executions.id, options.executionId));
  });
}

/** An artifact interrupted by a stop (cancel, delete, lost lease). */
export async function cancelArtifact(db: Db, detailId: string, now: Date): Promise<void> {
  await db.update(executionDetails).set({ status: 'CANCELLED', endTime: now }).where(eq(executionDetails.id, detailId));
}

/**
 * Writes the bytes copied since the last flush: per running artifact, and added to the run.
 * Returns false when the run is no longer RUNNING (cancelled, deleted), so the worker stops.
 */
export async function recordProgress(
  db: Db,
  options: { executionId: string; addedBytes: number; inFlight: ReadonlyMap<string, number> },
): Promise<boolean> {
  for (const [detailId, bytes] of options.inFlight) {
    await db
      .update(executionDetails)
      .set({ bytesDone: bytes })
      .where(and(eq(executionDetails.id, detailId), eq(executionDetails.status, 'RUNNING')));
  }
  const still = await db
    .update(executions)
    .set({ doneBytes: sql`${executions.doneBytes} + ${options.addedBytes}` })
    .where(and(eq(executions.id, options.executionId), eq(executions.status, 'RUNNING')))
    .returning({ id: executions.id });
  return still.length > 0;
}
