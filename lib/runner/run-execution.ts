import { setMaxListeners } from 'node:events';
import { eq } from 'drizzle-orm';
import { openFileContent } from '../artifacts/file-content';
import { findFileNode } from '../artifacts/queries';
import { blobLocationsIn } from '../blob-locations/blob-locations';
import type { Db } from '../db/client';
import { replicaTasks } from '../db/schema';
import type { TaskRow } from '../distribution/queries';
import { failAtFirstFailure, finishExecution, finishIfDrained } from '../executions/finish-execution';
import { createRunProgress, type RunProgress } from '../executions/progress';
import { type ExecutionDetailRow, type ExecutionRow, hasArtifacts, listPendingArtifacts } from '../executions/queries';
import { addArtifacts } from '../executions/queue-execution';
import { log } from '../http/log';
import { metrics } from '../observability/metrics';
import { listReferrerDescriptors } from '../oci/queries';
import { findRepository } from '../projects/queries';
import type { BlobStore } from '../storage/blob-store';
import type { Delay } from './delay';
import { deleteAtTarget } from './delete-at-target';
import { createImageSource } from './image-source';
import { runPool, type Semaphore } from './in-parallel';
import { planExecutionDetails } from './plan-execution';
import { pushFile } from './push-file';
import { pushImage } from './push-image';
import { createKeyedLock, type KeyedLock, pushReferrer } from './push-referrer';
import { RateLimiter } from './rate-limiter';
import { type RunTarget, resolveRunTarget } from './resolve-target';
import { withRetries } from './retry';
import type { TransferOutcome } from './transfer-outcome';

/**
 * `sleep` is the wait between retries; tests pass one that does not use the wall clock.
 * `transfers`: artifacts one run sends at once (FERRY_RUNNER_CONCURRENCY, default 4), and the
 * instance's cap shared by all its runs (FERRY_RUNNER_MAX_TRANSFERS); none when absent.
 */
export type RunnerDeps = {
  db: Db;
  store: BlobStore;
  now: () => Date;
  sleep?: Delay;
  transfers?: { perRun: number; slots?: Semaphore };
};
type DetailRow = ExecutionDetailRow;

const DEFAULT_TRANSFERS_PER_RUN = 4;
const PROGRESS_FLUSH_MS = 500;

/** Why FAST_FAIL aborted the transfers still in flight: the artifact that failed first. */
class FastFailStop extends Error {
  constructor(readonly artifact: string) {
    super(`cancelled: ${artifact} failed first (error strategy FAST_FAIL)`);
    this.name = 'FastFailStop';
  }
}

const MAX_SIGNAL_LISTENERS = 256;

const describeArtifact = (detail: DetailRow) => (detail.version ? `${detail.artifactName}:${detail.version}` : detail.artifactName);

/** Runs a claimed execution to its end (or until `signal` aborts: cancelled, deleted, lease lost). */
export async function runExecution(deps: RunnerDeps, execution: ExecutionRow, outerSignal: AbortSignal): Promise<void> {
  const { db } = deps;
  // Also stops when the progress flush finds the run no longer RUNNING (cancelled, deleted):
  // within half a second, not at the next heartbeat.
  const stopped = new AbortController();
  outerSignal.addEventListener('abort', () => stopped.abort(), { once: true });
  const signal = stopped.signal;
  // FAST_FAIL's stop: derived from the run's signal, it aborts every transfer in flight (each
  // artifact's own signal follows it) and starts no more, while the run itself goes on to fail.
  const halt = new AbortController();
  signal.addEventListener('abort', () => halt.abort(signal.reason), { once: true });
  // Every request in flight listens on it: artifacts × parallel blobs passes Node's leak warning at 10.
  setMaxListeners(MAX_SIGNAL_LISTENERS, signal, halt.signal);
  const [task] = await db.select().from(replicaTasks).where(eq(replicaTasks.taskKey, execution.taskKey)).limit(1);
  if (!task) return finish(deps, execution.id, 'CANCELLED', 'cancelled: its config or task was deleted');
  const repository = await findRepository(db, task.projectName, task.repoName);
  if (!repository) return finish(deps, execution.id, 'CANCELLED', 'cancelled: its repository was deleted');

  if (execution.trigger !== 'REAL_TIME' && !(await hasArtifacts(db, execution.id))) {
    await addArtifacts(db, execution.id, await planExecutionDetails(db, task, repository));
  }

  let target: RunTarget;
  try {
    target = await resolveRunTarget(db, task, halt.signal);
  } catch (error) {
    return finish(deps, execution.id, 'FAILED', (error as Error).message);
  }
  const progress = createRunProgress(db, execution.id);
  const flush = async () => {
    if (!(await progress.flush())) stopped.abort();
  };
  const flusher = setInterval(() => void flush().catch(() => undefined), PROGRESS_FLUSH_MS);
  const concurrency = deps.transfers?.perRun ?? DEFAULT_TRANSFERS_PER_RUN;
  const pending = pendingArtifacts(db, execution.id, concurrency);
  const counted = { target_kind: target.kind, target: target.name };
  const context: TransferContext = {
    deps,
    task,
    target,
    sentBytes: metrics().transferredBytes.labels(counted),
    countArtifact: (outcome) => metrics().transferredArtifacts.inc({ ...counted, outcome }),
    // One bucket for the whole run: every concurrent transfer takes from it.
    limiter: new RateLimiter(task.rateLimit),
    progress,
    referrerLock: createKeyedLock(),
    artifactLock: createKeyedLock(),
    onFailed: (detail) => {
      if (task.errorStrategy === 'FAST_FAIL' && !halt.signal.aborted) halt.abort(new FastFailStop(describeArtifact(detail)));
    },
  };
  try {
    while (!halt.signal.aborted) {
      await runPool({
        concurrency,
        slots: deps.transfers?.slots,
        signal: halt.signal,
        next: pending.next,
        work: async (detail, artifactSignal) => {
          try {
            await processDetail(context, detail, artifactSignal);
          } finally {
            pending.done(detail.id);
          }
        },
      });
      if (halt.signal.aborted) break;
      await flush();
      // Real-time events may have appended artifacts since the pool ran dry: then go on.
      if (await finishIfDrained(db, execution.id, deps.now())) return;
    }
    await flush();
    if (signal.aborted) return;
    const reason: unknown = halt.signal.reason;
    await failAtFirstFailure(db, execution.id, deps.now(), reason instanceof FastFailStop ? reason.artifact : undefined);
  } finally {
    clearInterval(flusher);
  }
}

/**
 * The run's PENDING artifacts, read a page at a time as the workers ask for them. An artifact
 * handed out stays PENDING until its worker marks it RUNNING, so it is skipped until `done`.
 */
function pendingArtifacts(db: Db, executionId: string, concurrency: number) {
  const page = concurrency * 4;
  const handedOut = new Set<string>();
  const buffer: DetailRow[] = [];
  let loading: Promise<boolean> | undefined;
  // Reads the next page once for all the workers waiting on it; true when it found new artifacts.
  const load = () => {
    loading ??= listPendingArtifacts(db, executionId, page + handedOut.size)
      .then((rows) => {
        const fresh = rows.filter((row) => !handedOut.has(row.id));
        for (const row of fresh) handedOut.add(row.id);
        buffer.push(...fresh);
        return fresh.length > 0;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
  return {
    next: async (): Promise<DetailRow | undefined> => {
      while (buffer.length === 0) {
        if (!(await load())) return undefined;
      }
      return buffer.shift();
    },
    done: (detailId: string) => {
      handedOut.delete(detailId);
    },
  };
}

type TransferContext = {
  deps: RunnerDeps;
  task: TaskRow;
  target: RunTarget;
  limiter: RateLimiter;
  progress: RunProgress;
  /** The run's share of /metrics: bytes as they are sent, each artifact as it ends. */
  sentBytes: { inc: (bytes: number) => void };
  countArtifact: (outcome: 'SUCCESS' | 'SKIPPED' | 'UNSUPPORTED' | 'FAILED') => void;
  /** Called as soon as an artifact has failed, before its row is written: FAST_FAIL stops the others. */
  onFailed: (detail: DetailRow) => void;
  /** One subject's fallback referrers index is updated by one transfer at a time. */
  referrerLock: KeyedLock;
  /**
   * One transfer per artifact at a time: a copy and a deletion of the same tag or file in one run
   * (pushed, then deleted at once) must not interleave, or the copy could land after the deletion.
   */
  artifactLock: KeyedLock;
};

async function processDetail(context: TransferContext, detail: DetailRow, signal: AbortSignal): Promise<void> {
  const { progress } = context;
  const { now } = context.deps;
  // Handed out just as the run stopped: it stays PENDING, and the run's end says it was not run.
  if (signal.aborted) return;
  await progress.start(detail.id, now());
  let outcome: TransferOutcome | undefined;
  let errorReason: string | undefined;
  try {
    const onBytes = (bytes: number) => {
      progress.add(detail.id, bytes);
      context.sentBytes.inc(bytes);
    };
    const artifactKey = `${detail.artifactKind}\u0000${detail.artifactName}\u0000${detail.version ?? `@${detail.digest ?? ''}`}`;
    outcome = await context.artifactLock(artifactKey, () =>
      withRetries(() => transfer(context, detail, { signal, onBytes }), {
        signal,
        sleep: context.deps.sleep,
        onRetry: (error, waitMs) =>
          log('info', 'artifact transfer failed, retrying', {
            artifact: describeArtifact(detail),
            waitMs,
            error: (error as Error).message,
          }),
      }),
    );
  } catch (error) {
    if (signal.aborted) {
      const reason: unknown = signal.reason;
      await progress.cancel(detail.id, now(), reason instanceof FastFailStop ? reason.message : null);
      return;
    }
    errorReason = (error as Error).message;
    context.onFailed(detail);
    log('warn', 'artifact failed', {
      executionId: detail.executionId,
      artifact: detail.artifactName,
      version: detail.version,
      error: errorReason,
    });
  }
  context.countArtifact(outcome?.status ?? 'FAILED');
  await progress.finish(
    detail.id,
    {
      status: outcome?.status ?? 'FAILED',
      conflict: outcome?.conflict ?? false,
      bytesSent: outcome?.bytesSent ?? 0,
      errorReason: errorReason ?? outcome?.reason ?? null,
    },
    now(),
  );
}

async function transfer(
  context: TransferContext,
  detail: DetailRow,
  { signal, onBytes }: { signal: AbortSignal; onBytes: (bytes: number) => void },
): Promise<TransferOutcome> {
  const { task, target, limiter } = context;
  // A drift repair's rows make the target equal to the source whatever the strategy; real-time work
  // that joins the repair run keeps the config's strategy.
  const conflictStrategy = detail.overwrite ? 'OVERWRITE' : task.conflictStrategy;
  const { db, store } = context.deps;
  const ref = { projectName: task.projectName, repoName: task.repoName };
  if (detail.operation === 'DELETE') {
    // Nothing is created at the target to delete something: no ensureRemoteRepository here.
    const targetRepo =
      target.kind === 'cluster'
        ? `${target.cluster.remoteProjectId}/${target.cluster.remoteRepoName}/${detail.artifactName}`
        : `${target.namespace}/${detail.artifactName}`;
    const file = target.kind === 'cluster' ? target.cluster : undefined;
    return deleteAtTarget({ db, ...ref }, detail, { file, registry: target.registry, targetRepo }, signal);
  }
  if (detail.artifactKind === 'FILE') {
    if (target.kind !== 'cluster') throw new Error('files can only be distributed to a Ferry cluster');
    const node = await findFileNode(db, { ...ref, path: detail.artifactName });
    if (!node) throw new Error(`${detail.artifactName} no longer exists in ${ref.projectName}/${ref.repoName}`);
    await target.ensureRemoteRepository('GENERIC');
    return pushFile({
      target: target.cluster,
      file: node,
      includeMetadata: task.includeMetadata,
      conflictStrategy,
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
  const common = {
    client: target.registry,
    locations: blobLocationsIn(db, context.deps.now),
    targetRepo,
    source: createImageSource(db, store),
    ref: { ...ref, image },
    conflictStrategy,
    limiter,
    onBytes,
  };
  if (detail.subjectDigest) {
    const subjectDigest = detail.subjectDigest;
    const descriptor = detail.version
      ? null
      : ((await listReferrerDescriptors(db, { ...ref, image }, subjectDigest)).find((d) => d.digest === detail.digest) ?? null);
    return pushReferrer({ ...common, subjectDigest, cosignTag: detail.version, descriptor, lock: context.referrerLock });
  }
  return pushImage({
    ...common,
    tag: version,
    targetTags: detail.targetVersion ? detail.targetVersion.split(',') : [version],
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
