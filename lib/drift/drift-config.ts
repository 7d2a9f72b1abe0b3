import type { Db } from '../db/client';
import { getConfigOrThrow } from '../distribution/queries';
import { env } from '../env';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { type Page, toPage } from '../paging/page';
import { getRepositoryOrThrow } from '../projects/queries';
import { type DriftCheckInfo, type DriftItemInfo, toDriftCheckInfo, toDriftItemInfo } from './present';
import { beginDriftCheck, findDriftCheck, findLatestDriftCheck, latestDriftChecksIn, pageDriftItems } from './queries';
import { type DriftDeps, runDriftCheck } from './run-drift-check';
import type { DriftItemsQuery } from './schemas';

/** A check's dependencies as configured (FERRY_DRIFT_BUDGET_SECONDS, FERRY_DRIFT_CONCURRENCY), on the wall clock. */
export function configuredDriftDeps(db: Db): DriftDeps {
  const e = env();
  return { db, now: () => new Date(), budgetMs: e.FERRY_DRIFT_BUDGET_SECONDS * 1000, concurrency: e.FERRY_DRIFT_CONCURRENCY };
}

type ConfigRef = { projectName: string; repoName: string; name: string };

/** How long past its budget a RUNNING check counts as left behind by a stopped instance. */
const STALE_MARGIN_MS = 60_000;

export const staleBefore = (now: Date, budgetMs: number) => new Date(now.getTime() - budgetMs - STALE_MARGIN_MS);

/**
 * POST …/verify: runs a check of the config now and answers when it has ended, within the time
 * budget (then PARTIAL). 250303 while another check of the config runs (one at a time per config).
 */
export async function verifyConfigNow(deps: DriftDeps, config: ConfigRef): Promise<DriftCheckInfo> {
  const task = await getConfigOrThrow(deps.db, config);
  const now = deps.now();
  const checkId = await beginDriftCheck(deps.db, { task, trigger: 'MANUAL', now, staleBefore: staleBefore(now, deps.budgetMs) });
  if (!checkId) {
    throw new AppError(
      ErrorCode.TASK_STATUS_INVALID,
      `A drift check of [${config.projectName}/${config.repoName}/${config.name}] is running; wait for it to end`,
      'name',
    );
  }
  await runDriftCheck(deps, task, checkId);
  const row = await findDriftCheck(deps.db, checkId);
  if (!row)
    throw new AppError(ErrorCode.REPLICA_TASK_NOT_FOUND, `Distribution config [${config.name}] was deleted during the check`, 'name');
  return toDriftCheckInfo(row);
}

export type DriftReport = { check: DriftCheckInfo | null; items: Page<DriftItemInfo> };

/** GET …/drift/{p}/{r}/{name}: the newest check (running or ended) and a page of its items; `check: null` when never checked. */
export async function getDriftReport(db: Db, config: ConfigRef, query: DriftItemsQuery): Promise<DriftReport> {
  const task = await getConfigOrThrow(db, config);
  const check = await findLatestDriftCheck(db, task.id);
  if (!check) return { check: null, items: toPage([], 0, query) };
  const items = await pageDriftItems(db, check.id, query);
  return { check: toDriftCheckInfo(check), items: { ...items, records: items.records.map(toDriftItemInfo) } };
}

export type DriftSummary = { name: string; taskKey: string; check: DriftCheckInfo };

/** GET …/drift/{p}/{r}: each config's newest check, for the configs list (never-checked configs are absent). */
export async function listDriftSummaries(db: Db, repo: { projectName: string; repoName: string }): Promise<DriftSummary[]> {
  await getRepositoryOrThrow(db, repo.projectName, repo.repoName);
  const rows = await latestDriftChecksIn(db, repo);
  return rows.map((row) => ({ name: row.name, taskKey: row.taskKey, check: toDriftCheckInfo(row.check) }));
}
