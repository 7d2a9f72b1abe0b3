import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executionDetails, executions } from '../db/schema';

/** What happened to one artifact, as the transfer reports it. */
export type ArtifactOutcome = {
  /** UNSUPPORTED: a deletion the target refuses; counted with the skipped, it does not fail the run. */
  status: 'SUCCESS' | 'SKIPPED' | 'UNSUPPORTED' | 'FAILED';
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
        skippedItems: sql`${executions.skippedItems} + ${outcome.status === 'SKIPPED' || outcome.status === 'UNSUPPORTED' ? 1 : 0}`,
        failedItems: sql`${executions.failedItems} + ${outcome.status === 'FAILED' ? 1 : 0}`,
        conflictItems: sql`${executions.conflictItems} + ${outcome.conflict ? 1 : 0}`,
      })
      .where(eq(executions.id, options.executionId));
  });
}

/** An artifact interrupted by a stop (cancel, delete, lost lease, FAST_FAIL): the bytes it sent, and why when known. */
async function cancelArtifact(db: Db, options: { detailId: string; bytesDone: number; now: Date; reason: string | null }): Promise<void> {
  await db
    .update(executionDetails)
    .set({
      status: 'CANCELLED',
      endTime: options.now,
      bytesDone: options.bytesDone,
      ...(options.reason ? { errorReason: options.reason } : {}),
    })
    .where(eq(executionDetails.id, options.detailId));
}

/**
 * Writes the bytes copied since the last flush: per running artifact, and added to the run.
 * Returns false when the run is no longer RUNNING (cancelled, deleted), so the worker stops.
 */
async function recordProgress(
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

export type RunProgress = ReturnType<typeof createRunProgress>;

/**
 * The progress of one run's transfers, counted in memory and written in one order: progress
 * flushes and artifact endings go through a single queue. So a flush that started before an
 * artifact ended is written before its final row, never after it, and a flush still in flight
 * when the run ends is written before the run's last flush: its bytes are never dropped by the
 * RUNNING guard of a run that has just finished.
 */
export function createRunProgress(db: Db, executionId: string) {
  let unflushed = 0;
  const inFlight = new Map<string, number>();
  let queue: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(write: () => Promise<T>): Promise<T> => {
    const result = queue.then(write);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    /** Marks the artifact RUNNING and starts counting its bytes. */
    start: async (detailId: string, now: Date) => {
      await startArtifact(db, detailId, now);
      inFlight.set(detailId, 0);
    },
    /** Bytes of a running artifact just sent. */
    add: (detailId: string, bytes: number) => {
      unflushed += bytes;
      inFlight.set(detailId, (inFlight.get(detailId) ?? 0) + bytes);
    },
    /** Writes what was counted since the last flush; false when the run is no longer RUNNING. */
    flush: () =>
      inOrder(async () => {
        const delta = unflushed;
        unflushed = 0;
        try {
          return await recordProgress(db, { executionId, addedBytes: delta, inFlight: new Map(inFlight) });
        } catch (error) {
          unflushed += delta;
          throw error;
        }
      }),
    /** The artifact's final row, after every flush already queued; later flushes leave it alone. */
    finish: (detailId: string, outcome: ArtifactOutcome, now: Date) => {
      inFlight.delete(detailId);
      return inOrder(() => recordArtifactOutcome(db, { executionId, detailId, outcome, now }));
    },
    /** The artifact's last row when a stop interrupted it, with the bytes it had sent. */
    cancel: (detailId: string, now: Date, reason: string | null) => {
      const bytesDone = inFlight.get(detailId) ?? 0;
      inFlight.delete(detailId);
      return inOrder(() => cancelArtifact(db, { detailId, bytesDone, now, reason }));
    },
  };
}
