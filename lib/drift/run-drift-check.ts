import type { Db } from '../db/client';
import type { TaskRow } from '../distribution/queries';
import { log } from '../http/log';
import { imageOfConstraint } from '../oci/package-key';
import { isFallbackTag } from '../oci/referrer-tags';
import { findRepository, type RepositoryRow } from '../projects/queries';
import { runPool } from '../runner/in-parallel';
import { planExecutionDetails } from '../runner/plan-execution';
import { compareArtifact, extraNames, type SourceArtifact } from './compare';
import { type DriftTarget, openDriftTarget } from './drift-target';
import { type DriftCounts, type DriftItemValues, finishDriftCheck } from './queries';

/**
 * `budgetMs`: how long one check may take (FERRY_DRIFT_BUDGET_SECONDS); `concurrency`: target
 * requests in flight (FERRY_DRIFT_CONCURRENCY). `openTarget` is the read-only view of the target.
 */
export type DriftDeps = {
  db: Db;
  now: () => Date;
  budgetMs: number;
  concurrency: number;
  openTarget?: (db: Db, task: TaskRow, signal: AbortSignal) => Promise<DriftTarget>;
};

class BudgetSpent extends Error {
  constructor() {
    super('the time budget of the check ran out');
    this.name = 'BudgetSpent';
  }
}

/**
 * Compares a config's source with its target and ends the check `checkId` (begun by
 * beginDriftCheck or claimDueDriftChecks): each source artifact of its scope is looked up at the
 * target (manifest digest per image tag, sha256 per file), then the target's listing of the scope
 * gives what is there but not at the source (EXTRA). When the budget runs out the check ends
 * PARTIAL, its counts covering what was compared. It never throws: a failure ends it FAILED.
 */
export async function runDriftCheck(deps: DriftDeps, task: TaskRow, checkId: string): Promise<void> {
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(new BudgetSpent()), deps.budgetMs);
  const counts: DriftCounts = { inSync: 0, missing: 0, different: 0, extra: 0 };
  const items: DriftItemValues[] = [];
  const end = (status: 'DONE' | 'PARTIAL' | 'FAILED', errorReason: string | null) =>
    finishDriftCheck(deps.db, { checkId, status, counts, items: status === 'FAILED' ? [] : items, errorReason, now: deps.now() });
  let target: DriftTarget | undefined;
  try {
    const repository = await findRepository(deps.db, task.projectName, task.repoName);
    if (!repository) return await end('FAILED', 'its repository was deleted');
    const source = await sourceArtifacts(deps.db, task, repository);
    const opened = await (deps.openTarget ?? openDriftTarget)(deps.db, task, budget.signal);
    target = opened;
    let failure: unknown;
    let next = 0;
    await runPool({
      concurrency: deps.concurrency,
      signal: budget.signal,
      next: () => source[next++],
      work: async (artifact) => {
        try {
          const stat = await opened.stat(artifact);
          const state = compareArtifact(artifact, stat);
          if (state === 'IN_SYNC') {
            counts.inSync++;
            return;
          }
          counts[state === 'MISSING' ? 'missing' : 'different']++;
          items.push({
            state,
            artifactKind: artifact.kind,
            artifactName: artifact.name,
            version: artifact.version,
            sourceDigest: artifact.digest,
            targetDigest: stat.present ? stat.digest : null,
            size: artifact.size,
          });
        } catch (error) {
          if (budget.signal.aborted) return;
          // The target failing once fails the check: the counts would otherwise claim a comparison not made.
          failure ??= error;
          budget.abort(error);
        }
      },
    });
    if (failure) return await end('FAILED', `${opened.describe}: ${(failure as Error).message}`);
    if (budget.signal.aborted) return await end('PARTIAL', 'the time budget ran out: the counts cover what was compared');
    try {
      await findExtras(task, repository, source, opened, (item) => {
        counts.extra++;
        items.push(item);
      });
    } catch (error) {
      if (budget.signal.aborted && budget.signal.reason instanceof BudgetSpent) {
        return await end('PARTIAL', 'the time budget ran out while listing the target: extras may be missing');
      }
      return await end('FAILED', `${opened.describe}: ${(error as Error).message}`);
    }
    return await end('DONE', null);
  } catch (error) {
    log('warn', 'drift check failed', { checkId, task: task.taskKey, error: (error as Error).message });
    await end('FAILED', (error as Error).message).catch((failure: unknown) =>
      log('error', 'drift check not ended', { checkId, error: String(failure) }),
    );
  } finally {
    clearTimeout(timer);
    target?.close();
  }
}

/** The artifacts a run would copy now (versions the config names but the source lacks are not drift). */
async function sourceArtifacts(db: Db, task: TaskRow, repository: RepositoryRow): Promise<SourceArtifact[]> {
  const planned = await planExecutionDetails(db, task, repository);
  return planned
    .filter((detail) => detail.status !== 'FAILED')
    .map((detail) => ({
      kind: detail.artifactKind,
      name: detail.artifactName,
      version: detail.version ?? null,
      targetVersion: detail.targetVersion ?? null,
      digest: detail.digest ?? null,
      size: detail.size ?? null,
    }));
}

/**
 * What the target holds in the config's scope that the source does not: the tags of each image
 * the config copies whole (a constraint without versions, or the whole repository), and the files
 * under each path constraint (or the repository's root) at a peer Ferry. Images the source has
 * never held are outside the scope (a registry's catalogue is not listed).
 */
async function findExtras(
  task: TaskRow,
  repository: RepositoryRow,
  source: SourceArtifact[],
  target: DriftTarget,
  add: (item: DriftItemValues) => void,
): Promise<void> {
  if (repository.type === 'GENERIC') {
    const folders = task.pathConstraints.length > 0 ? task.pathConstraints : task.packageConstraints.length > 0 ? [] : ['/'];
    const atSource = new Set(source.map((artifact) => artifact.name));
    const seen = new Set<string>();
    for (const folder of folders) {
      const files = await target.listFiles(folder);
      for (const name of extraNames(
        files.map((file) => file.fullPath),
        atSource,
      )) {
        if (seen.has(name)) continue;
        seen.add(name);
        const file = files.find((f) => f.fullPath === name);
        add({
          state: 'EXTRA',
          artifactKind: 'FILE',
          artifactName: name,
          version: null,
          sourceDigest: null,
          targetDigest: file?.sha256 ? `sha256:${file.sha256}` : null,
          size: null,
        });
      }
    }
    return;
  }
  const tagsAtSource = new Map<string, Set<string>>();
  for (const artifact of source) {
    // An untagged row is a referrer travelling with its image: it has no tag to find at the target.
    if (artifact.kind !== 'IMAGE' || artifact.version === null) continue;
    const tags = tagsAtSource.get(artifact.name) ?? new Set<string>();
    tags.add(artifact.version);
    tagsAtSource.set(artifact.name, tags);
  }
  const constraints = task.packageConstraints.length > 0 ? task.packageConstraints : [{}];
  const images = new Set<string>();
  for (const constraint of constraints) {
    if (constraint.versions?.length) continue;
    const image = imageOfConstraint(constraint);
    if (image) images.add(image);
    else for (const name of tagsAtSource.keys()) images.add(name);
  }
  for (const image of images) {
    // A fallback referrers index (`sha256-<hex>`) is Ferry's own bookkeeping at the target, not an extra.
    const held = (await target.listImageTags(image)).filter((tag) => !isFallbackTag(tag));
    for (const tag of extraNames(held, tagsAtSource.get(image) ?? new Set())) {
      add({ state: 'EXTRA', artifactKind: 'IMAGE', artifactName: image, version: tag, sourceDigest: null, targetDigest: null, size: null });
    }
  }
}
