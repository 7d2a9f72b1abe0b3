import type { Db } from '../db/client';
import type { TaskRow } from '../distribution/queries';
import type { QueuedArtifact } from '../executions/queue-execution';
import { resolveImageGraph } from '../oci/queries';
import { cosignTagSubject } from '../oci/referrer-tags';
import type { RepositoryRow } from '../projects/queries';
import { planExecutionDetails } from '../runner/plan-execution';
import { LINK_MIN_BYTES } from '../runner/push-file';
import { openTargetProbe, type TargetProbe } from '../target-probe/target-probe';
import { estimateTransfer } from './estimate';
import { type Fate, fateAtTarget, type PlanFate, planFates, wouldSend } from './fates';
import type { Plan, PlanArtifact } from './schemas';

export type PlanDeps = {
  db: Db;
  now: () => Date;
  /** How long the target may be probed; what is not probed by then is UNKNOWN. */
  budgetMs: number;
  /** Artifacts probed at once. */
  concurrency?: number;
};

const DEFAULT_CONCURRENCY = 8;

/** Why the budget's signal aborted. */
class BudgetSpent extends Error {
  constructor(seconds: number) {
    super(`not probed: the time budget of ${seconds} s ran out (FERRY_PLAN_BUDGET_SECONDS)`);
    this.name = 'BudgetSpent';
  }
}

/** Outcome of probing one artifact, applied to its row only when the whole probe finished. */
type Probed = { fate: Fate; targetDigest: string | null; imageBytes?: number };

/**
 * What a run of `task` would do now, without doing it: the source side exactly as the runner
 * lists it (planExecutionDetails), each artifact's fate at the target from a read-only probe, and
 * the bytes that would really move. Probes run in parallel within a time budget; the answer is
 * then marked partial, with the artifacts not probed as UNKNOWN.
 */
export async function planTask(deps: PlanDeps, subject: { task: TaskRow; repository: RepositoryRow; name: string | null }): Promise<Plan> {
  const started = performance.now();
  const budgetSeconds = Math.round(deps.budgetMs / 1000);
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(new BudgetSpent(budgetSeconds)), deps.budgetMs);
  const { task } = subject;
  try {
    const source = await planExecutionDetails(deps.db, task, subject.repository);
    const rows = source.map(initialRow);
    const toProbe = rows.flatMap((row, index) => (row.fate === 'UNKNOWN' ? [index] : []));
    let targetName = describeTarget(task);
    let probeFailure: string | null = null;
    if (toProbe.length > 0) {
      let probe: TargetProbe | undefined;
      try {
        probe = await openTargetProbe({ db: deps.db, now: deps.now }, task);
        targetName = probe.describe;
      } catch (error) {
        probeFailure = `the target could not be probed: ${(error as Error).message}`;
        for (const index of toProbe) setReason(rows, index, probeFailure);
      }
      if (probe) {
        try {
          const indices = toProbe.filter((index) => !failsAtRegistry(rows, index, probe));
          await probeAll(deps, { probe, task, rows, indices, signal: budget.signal });
          await countFileBytes(probe, rows);
        } finally {
          probe.close();
        }
      }
    }
    return summarise(rows, {
      task,
      name: subject.name,
      target: targetName,
      budgetSeconds,
      partialReason: budget.signal.aborted
        ? `the time budget of ${budgetSeconds} s ran out before every artifact was probed`
        : probeFailure,
      elapsedMs: Math.round(performance.now() - started),
    });
  } finally {
    clearTimeout(timer);
  }
}

function initialRow(detail: QueuedArtifact): PlanArtifact {
  const failed = detail.status === 'FAILED';
  return {
    kind: detail.artifactKind,
    name: detail.artifactName,
    version: detail.version ?? null,
    targetVersion: detail.targetVersion ?? null,
    digest: detail.digest ?? null,
    size: detail.size ?? 0,
    fate: failed ? 'FAIL' : 'UNKNOWN',
    conflictAction: null,
    targetDigest: null,
    bytesToMove: failed ? 0 : null,
    reason: failed ? (detail.errorReason ?? 'the run would fail it') : 'not probed',
  };
}

function setReason(rows: PlanArtifact[], index: number, reason: string): void {
  const row = rows[index];
  if (row) row.reason = reason;
}

/** The runner fails a file bound for a registry (only images go there): no need to ask. */
function failsAtRegistry(rows: PlanArtifact[], index: number, probe: TargetProbe): boolean {
  const row = rows[index];
  if (row?.kind !== 'FILE' || probe.kind !== 'registry') return false;
  Object.assign(row, { fate: 'FAIL', bytesToMove: 0, reason: 'files can only be distributed to a Ferry cluster' });
  return true;
}

type ProbeRun = {
  probe: TargetProbe;
  task: TaskRow;
  rows: PlanArtifact[];
  indices: number[];
  signal: AbortSignal;
};

/** A bounded pool over the artifacts; stops taking new ones when the budget is spent. */
async function probeAll(deps: PlanDeps, run: ProbeRun): Promise<void> {
  const queue = [...run.indices];
  // Blobs some image of this plan already sends: a second image mounts them (or finds them) for free.
  const sentBlobs = new Set<string>();
  const worker = async () => {
    for (let index = queue.shift(); index !== undefined && !run.signal.aborted; index = queue.shift()) {
      const row = run.rows[index];
      if (!row) continue;
      try {
        const probed = await probeOne(deps, run, row, sentBlobs);
        row.fate = probed.fate.fate;
        row.conflictAction = probed.fate.fate === 'CONFLICT' ? probed.fate.conflictAction : null;
        row.targetDigest = probed.targetDigest;
        row.reason = null;
        // Files are counted once every file is probed (links depend on what the peer holds).
        row.bytesToMove = row.kind === 'IMAGE' ? (probed.imageBytes ?? 0) : wouldSend(probed.fate) ? null : 0;
      } catch (error) {
        row.reason = run.signal.aborted
          ? (run.signal.reason as Error).message
          : `the target could not be probed: ${(error as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? DEFAULT_CONCURRENCY, queue.length) }, worker));
  if (run.signal.aborted) {
    for (const row of run.rows)
      if (row.fate === 'UNKNOWN' && row.reason === 'not probed') row.reason = (run.signal.reason as Error).message;
  }
}

async function probeOne(deps: PlanDeps, run: ProbeRun, row: PlanArtifact, sentBlobs: Set<string>): Promise<Probed> {
  const { probe, signal } = run;
  const stat = await probe.statArtifact(
    { kind: row.kind, name: row.name, version: row.version, targetVersion: row.targetVersion, digest: row.digest },
    signal,
  );
  // The runner always overwrites a cosign tag (cosign rewrites .sig as signatures are added).
  const strategy = row.version !== null && cosignTagSubject(row.version) ? 'OVERWRITE' : run.task.conflictStrategy;
  const fate = fateAtTarget(row.digest, stat, strategy);
  const targetDigest = stat.present ? (stat.digest ?? stat.tags?.find((tag) => tag.digest !== null)?.digest ?? null) : null;
  if (row.kind === 'FILE' || !wouldSend(fate) || !row.digest) return { fate, targetDigest };
  const graph = await resolveImageGraph(deps.db, {
    projectName: run.task.projectName,
    repoName: run.task.repoName,
    image: row.name,
    reference: row.digest,
  });
  let imageBytes = 0;
  for (const blob of graph?.blobs ?? []) {
    // Claimed before the probe's await, so two images probed at once do not both count it.
    if (sentBlobs.has(blob.digest)) continue;
    sentBlobs.add(blob.digest);
    if (!(await probe.hasBlob(blob.digest, signal, row.name))) imageBytes += blob.size;
  }
  return { fate, targetDigest, imageBytes };
}

/**
 * A file the run sends costs its size, unless the peer can link it (lib/runner/push-file.ts asks
 * for files of LINK_MIN_BYTES or more): content the probe saw at the peer, or that an earlier file
 * of this run sends there first.
 */
async function countFileBytes(probe: TargetProbe, rows: PlanArtifact[]): Promise<void> {
  const sent = new Set<string>();
  for (const row of rows) {
    if (row.kind !== 'FILE' || row.fate === 'UNKNOWN' || row.bytesToMove !== null || !row.digest) continue;
    const linkable = row.size >= LINK_MIN_BYTES && (sent.has(row.digest) || (await probe.hasBlob(row.digest)));
    row.bytesToMove = linkable ? 0 : row.size;
    sent.add(row.digest);
  }
}

function describeTarget(task: TaskRow): string {
  return task.registry ? `registry ${task.registry}` : 'cluster';
}

function summarise(
  rows: PlanArtifact[],
  context: { task: TaskRow; name: string | null; target: string; budgetSeconds: number; partialReason: string | null; elapsedMs: number },
): Plan {
  const byFate = Object.fromEntries(planFates.map((fate) => [fate, 0])) as Record<PlanFate, number>;
  let sourceBytes = 0;
  let bytesToMove = 0;
  for (const row of rows) {
    byFate[row.fate] += 1;
    sourceBytes += row.size;
    bytesToMove += row.bytesToMove ?? 0;
  }
  const partial = byFate.UNKNOWN > 0;
  const estimate = estimateTransfer(bytesToMove, context.task.rateLimit, { partial });
  return {
    name: context.name,
    kind: context.task.kind,
    target: context.target,
    conflictStrategy: context.task.conflictStrategy,
    partial,
    partialReason: partial ? (context.partialReason ?? 'some artifacts could not be probed') : null,
    budgetSeconds: context.budgetSeconds,
    artifacts: rows,
    totals: {
      artifacts: rows.length,
      byFate,
      sourceBytes,
      bytesToMove,
      rateLimit: context.task.rateLimit,
      estimatedSeconds: estimate.seconds,
      estimate: estimate.words,
    },
    elapsedMs: context.elapsedMs,
  };
}
