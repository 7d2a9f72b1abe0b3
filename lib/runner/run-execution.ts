import { eq } from 'drizzle-orm';
import { openFileContent } from '../artifacts/file-content';
import { findFileNode } from '../artifacts/queries';
import { blobLocationsIn } from '../blob-locations/blob-locations';
import type { Db } from '../db/client';
import { replicaTasks } from '../db/schema';
import type { TaskRow } from '../distribution/queries';
import { failAtFirstFailure, finishExecution, finishIfDrained } from '../executions/finish-execution';
import { cancelArtifact, recordArtifactOutcome, recordProgress, startArtifact } from '../executions/progress';
import { type ExecutionDetailRow, type ExecutionRow, hasArtifacts, listPendingArtifacts } from '../executions/queries';
import { addArtifacts } from '../executions/queue-execution';
import { log } from '../http/log';
import { findRepository } from '../projects/queries';
import type { BlobStore } from '../storage/blob-store';
import type { Delay } from './delay';
import { createImageSource } from './image-source';
import { inParallel } from './in-parallel';
import { planExecutionDetails } from './plan-execution';
import { pushFile } from './push-file';
import { pushImage } from './push-image';
import { RateLimiter } from './rate-limiter';
import { type RunTarget, resolveRunTarget } from './resolve-target';
import { withRetries } from './retry';
import type { TransferOutcome } from './transfer-outcome';

/** `sleep` is the wait between retries; tests pass one that does not use the wall clock. */
export type RunnerDeps = { db: Db; store: BlobStore; now: () => Date; sleep?: Delay };
type DetailRow = ExecutionDetailRow;

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

  if (execution.trigger !== 'REAL_TIME' && !(await hasArtifacts(db, execution.id))) {
    await addArtifacts(db, execution.id, await planExecutionDetails(db, task, repository));
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
    if (!(await recordProgress(db, { executionId: execution.id, addedBytes: delta, inFlight }))) stopped.abort();
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
      const pending = await listPendingArtifacts(db, execution.id, PARALLEL_TRANSFERS * 4);
      if (pending.length === 0) {
        await flush();
        if (await finishIfDrained(db, execution.id, deps.now())) return;
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
    await failAtFirstFailure(db, execution.id, deps.now());
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
  await startArtifact(db, detail.id, now());
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
    outcome = await withRetries(() => transfer(tracked, detail), { signal: context.signal, sleep: context.deps.sleep });
  } catch (error) {
    if (context.signal.aborted) {
      context.inFlight.delete(detail.id);
      await cancelArtifact(db, detail.id, now());
      return false;
    }
    errorReason = (error as Error).message;
    log('warn', 'artifact failed', { executionId, artifact: detail.artifactName, version: detail.version, error: errorReason });
  }
  context.inFlight.delete(detail.id);
  const status = outcome?.status ?? 'FAILED';
  await recordArtifactOutcome(db, {
    executionId,
    detailId: detail.id,
    outcome: { status, conflict: outcome?.conflict ?? false, bytesSent: outcome?.bytesSent ?? 0, errorReason: errorReason ?? null },
    now: now(),
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
    locations: blobLocationsIn(db, context.deps.now),
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

function finish(
  deps: RunnerDeps,
  executionId: string,
  status: 'SUCCESS' | 'FAILED' | 'CANCELLED',
  errorReason: string | null,
): Promise<void> {
  return finishExecution(deps.db, { executionId, status, errorReason, now: deps.now() });
}
