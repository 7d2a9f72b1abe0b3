import { and, asc, eq, sql } from 'drizzle-orm';
import { openFileContent } from '../artifacts/file-content';
import { findFileNode } from '../artifacts/queries';
import type { Db } from '../db/client';
import { executionDetails, executions, replicaTasks } from '../db/schema';
import type { ExecutionRow, TaskRow } from '../distribution/queries';
import { log } from '../http/log';
import { findRepository } from '../projects/queries';
import type { BlobStore } from '../storage/blob-store';
import { createImageSource } from './image-source';
import { inParallel } from './in-parallel';
import { insertPlannedDetails, planExecutionDetails } from './plan-execution';
import { pushFile } from './push-file';
import { pushImage } from './push-image';
import { RateLimiter } from './rate-limiter';
import { type RunTarget, resolveRunTarget } from './resolve-target';
import { withRetries } from './retry';
import type { TransferOutcome } from './transfer-outcome';

export type RunnerDeps = { db: Db; store: BlobStore; now: () => Date };
type DetailRow = typeof executionDetails.$inferSelect;

const PARALLEL_TRANSFERS = 3;
const PROGRESS_FLUSH_MS = 500;

/** Runs a claimed execution to its end (or until `signal` aborts: cancelled, deleted, lease lost). */
export async function runExecution(deps: RunnerDeps, execution: ExecutionRow, outerSignal: AbortSignal): Promise<void> {
  const { db } = deps;
  // Also stops when the progress flush finds the run no longer RUNNING (cancelled, deleted):
  // within half a second, not at the next heartbeat.
  const stopped = new AbortController();
  outerSignal.addEventListener('abort', () => stopped.abort(), { once: true });
  const signal = stopped.signal;
  const [task] = await db.select().from(replicaTasks).where(eq(replicaTasks.taskKey, execution.taskKey)).limit(1);
  if (!task) return finish(deps, execution.id, 'CANCELLED', 'cancelled: its config or task was deleted');
  const repository = await findRepository(db, task.projectName, task.repoName);
  if (!repository) return finish(deps, execution.id, 'CANCELLED', 'cancelled: its repository was deleted');

  const [existing] = await db
    .select({ id: executionDetails.id })
    .from(executionDetails)
    .where(eq(executionDetails.executionId, execution.id))
    .limit(1);
  if (!existing && execution.trigger !== 'REAL_TIME') {
    await insertPlannedDetails(db, execution.id, await planExecutionDetails(db, task, repository, execution.id));
  }

  let target: RunTarget;
  try {
    target = await resolveRunTarget(db, task, signal);
  } catch (error) {
    return finish(deps, execution.id, 'FAILED', (error as Error).message);
  }
  const limiter = new RateLimiter(task.rateLimit);
  let unflushed = 0;
  // Bytes so far of the artifacts being copied, so their rows show progress while they run.
  const inFlight = new Map<string, number>();
  const flush = async () => {
    const delta = unflushed;
    unflushed = 0;
    for (const [detailId, bytes] of inFlight) {
      await db
        .update(executionDetails)
        .set({ bytesDone: bytes })
        .where(and(eq(executionDetails.id, detailId), eq(executionDetails.status, 'RUNNING')));
    }
    const still = await db
      .update(executions)
      .set({ doneBytes: sql`${executions.doneBytes} + ${delta}` })
      .where(and(eq(executions.id, execution.id), eq(executions.status, 'RUNNING')))
      .returning({ id: executions.id });
    if (still.length === 0) stopped.abort();
  };
  const flusher = setInterval(() => void flush().catch(() => undefined), PROGRESS_FLUSH_MS);
  const context: TransferContext = {
    deps,
    task,
    target,
    limiter,
    signal,
    inFlight,
    onBytes: (bytes) => {
      unflushed += bytes;
    },
  };
  try {
    let stopAtFailure = false;
    while (!signal.aborted && !stopAtFailure) {
      const pending = await db
        .select()
        .from(executionDetails)
        .where(and(eq(executionDetails.executionId, execution.id), eq(executionDetails.status, 'PENDING')))
        .orderBy(asc(executionDetails.id))
        .limit(PARALLEL_TRANSFERS * 4);
      if (pending.length === 0) {
        await flush();
        if (await finishIfDrained(deps, execution.id)) return;
        continue;
      }
      await inParallel(pending, PARALLEL_TRANSFERS, async (detail) => {
        if (signal.aborted || stopAtFailure) return;
        const failed = await processDetail(context, execution.id, detail);
        if (failed && task.errorStrategy === 'FAST_FAIL') stopAtFailure = true;
      });
    }
    await flush();
    if (signal.aborted) return;
    await db
      .update(executionDetails)
      .set({ status: 'CANCELLED', errorReason: 'not run: the run stopped at the first failure (error strategy FAST_FAIL)' })
      .where(and(eq(executionDetails.executionId, execution.id), eq(executionDetails.status, 'PENDING')));
    await finish(deps, execution.id, 'FAILED', await failureSummary(db, execution.id));
  } finally {
    clearInterval(flusher);
  }
}

type TransferContext = {
  deps: RunnerDeps;
  task: TaskRow;
  target: RunTarget;
  limiter: RateLimiter;
  signal: AbortSignal;
  inFlight: Map<string, number>;
  onBytes: (bytes: number) => void;
};

/** Returns true when the artifact failed. */
async function processDetail(context: TransferContext, executionId: string, detail: DetailRow): Promise<boolean> {
  const { db, now } = context.deps;
  await db.update(executionDetails).set({ status: 'RUNNING', startTime: now() }).where(eq(executionDetails.id, detail.id));
  let outcome: TransferOutcome | undefined;
  let errorReason: string | undefined;
  try {
    context.inFlight.set(detail.id, 0);
    const tracked: TransferContext = {
      ...context,
      onBytes: (bytes) => {
        context.onBytes(bytes);
        context.inFlight.set(detail.id, (context.inFlight.get(detail.id) ?? 0) + bytes);
      },
    };
    outcome = await withRetries(() => transfer(tracked, detail), { signal: context.signal });
  } catch (error) {
    if (context.signal.aborted) {
      context.inFlight.delete(detail.id);
      await db.update(executionDetails).set({ status: 'CANCELLED', endTime: now() }).where(eq(executionDetails.id, detail.id));
      return false;
    }
    errorReason = (error as Error).message;
    log('warn', 'artifact failed', { executionId, artifact: detail.artifactName, version: detail.version, error: errorReason });
  }
  context.inFlight.delete(detail.id);
  const status = outcome?.status ?? 'FAILED';
  await db.transaction(async (tx) => {
    await tx
      .update(executionDetails)
      .set({
        status,
        conflict: outcome?.conflict ?? false,
        bytesDone: outcome?.bytesSent ?? 0,
        errorReason: errorReason ?? null,
        endTime: now(),
      })
      .where(eq(executionDetails.id, detail.id));
    await tx
      .update(executions)
      .set({
        doneItems: sql`${executions.doneItems} + ${status === 'SUCCESS' ? 1 : 0}`,
        skippedItems: sql`${executions.skippedItems} + ${status === 'SKIPPED' ? 1 : 0}`,
        failedItems: sql`${executions.failedItems} + ${status === 'FAILED' ? 1 : 0}`,
        conflictItems: sql`${executions.conflictItems} + ${outcome?.conflict ? 1 : 0}`,
      })
      .where(eq(executions.id, executionId));
  });
  return status === 'FAILED';
}

async function transfer(context: TransferContext, detail: DetailRow): Promise<TransferOutcome> {
  const { task, target, limiter, signal, onBytes } = context;
  const { db, store } = context.deps;
  const ref = { projectName: task.projectName, repoName: task.repoName };
  if (detail.artifactKind === 'FILE') {
    if (target.kind !== 'cluster') throw new Error('files can only be distributed to a Ferry cluster');
    const node = await findFileNode(db, { ...ref, path: detail.artifactName });
    if (!node) throw new Error(`${detail.artifactName} no longer exists in ${ref.projectName}/${ref.repoName}`);
    await target.ensureRemoteRepository('GENERIC');
    return pushFile({
      target: target.cluster,
      file: node,
      includeMetadata: task.includeMetadata,
      conflictStrategy: task.conflictStrategy,
      open: () => openFileContent(store, node),
      limiter,
      onBytes,
      signal,
    });
  }
  const image = detail.artifactName;
  const version = detail.version ?? 'latest';
  let targetRepo: string;
  if (target.kind === 'cluster') {
    await target.ensureRemoteRepository('DOCKER');
    targetRepo = `${target.cluster.remoteProjectId}/${target.cluster.remoteRepoName}/${image}`;
  } else {
    targetRepo = `${target.namespace}/${image}`;
  }
  return pushImage({
    client: target.registry,
    targetRepo,
    source: createImageSource(db, store),
    ref: { ...ref, image },
    tag: version,
    targetTags: detail.targetVersion ? detail.targetVersion.split(',') : [version],
    conflictStrategy: task.conflictStrategy,
    limiter,
    onBytes,
  });
}

/** Ends the run unless real-time events appended work meanwhile (both lock the execution row). */
async function finishIfDrained(deps: RunnerDeps, executionId: string): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(executions).where(eq(executions.id, executionId)).for('update');
    if (locked?.status !== 'RUNNING') return true;
    const [pending] = await tx
      .select({ id: executionDetails.id })
      .from(executionDetails)
      .where(and(eq(executionDetails.executionId, executionId), eq(executionDetails.status, 'PENDING')))
      .limit(1);
    if (pending) return false;
    const failed = locked.failedItems > 0;
    await tx
      .update(executions)
      .set({
        status: failed ? 'FAILED' : 'SUCCESS',
        endTime: deps.now(),
        errorReason: failed ? await failureSummary(tx, executionId) : null,
        leaseOwner: null,
        leaseExpiresAt: null,
      })
      .where(eq(executions.id, executionId));
    return true;
  });
}

async function failureSummary(db: Db, executionId: string): Promise<string> {
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

async function finish(
  deps: RunnerDeps,
  executionId: string,
  status: 'SUCCESS' | 'FAILED' | 'CANCELLED',
  errorReason: string | null,
): Promise<void> {
  await deps.db
    .update(executions)
    .set({ status, errorReason, endTime: deps.now(), leaseOwner: null, leaseExpiresAt: null })
    .where(and(eq(executions.id, executionId), eq(executions.status, 'RUNNING')));
}
