import type { Db } from '../db/client';
import { getConfigOrThrow } from '../distribution/queries';
import { queueExecution } from '../executions/queue-execution';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { getRepositoryOrThrow } from '../projects/queries';
import { planExecutionDetails } from '../runner/plan-execution';
import { artifactKey } from './compare';
import { findLatestDriftCheck, listDriftItems } from './queries';

type ConfigRef = { projectName: string; repoName: string; name: string };

/**
 * POST …/repair: queues a run (trigger REPAIR) of the artifacts the config's latest ended check
 * found MISSING or DIFFERENT, as the source holds them now (planned again, so retagging and sizes
 * are the run's own). The runner overwrites what differs whatever the conflict strategy, so the
 * target ends equal to the source. EXTRA artifacts are left alone: removing them is not a copy.
 * 250113 (409) when there is no check, nothing out of sync, or the artifacts are gone at the source.
 */
export async function repairConfig(db: Db, config: ConfigRef, now: Date): Promise<{ executionId: string; artifacts: number }> {
  const task = await getConfigOrThrow(db, config);
  const describe = `${config.projectName}/${config.repoName}/${config.name}`;
  const check = await findLatestDriftCheck(db, task.id, { ended: true });
  if (!check) throw new AppError(ErrorCode.REQUEST_DENIED, `[${describe}] has no drift check yet: verify it first`, 'name');
  const items = await listDriftItems(db, check.id, ['MISSING', 'DIFFERENT']);
  if (items.length === 0) {
    throw new AppError(
      ErrorCode.REQUEST_DENIED,
      `Nothing to repair: the last drift check of [${describe}] found nothing missing or different`,
      'name',
    );
  }
  const wanted = new Set(
    items.map((item) =>
      artifactKey({ kind: item.artifactKind, name: item.artifactName, version: item.version, digest: item.sourceDigest }),
    ),
  );
  const repository = await getRepositoryOrThrow(db, task.projectName, task.repoName);
  const planned = await planExecutionDetails(db, task, repository);
  const artifacts = planned.filter(
    (detail) =>
      detail.status !== 'FAILED' &&
      wanted.has(
        artifactKey({ kind: detail.artifactKind, name: detail.artifactName, version: detail.version ?? null, digest: detail.digest }),
      ),
  );
  if (artifacts.length === 0) {
    throw new AppError(
      ErrorCode.REQUEST_DENIED,
      `Nothing to repair: the out-of-sync artifacts of [${describe}] no longer exist at the source; verify again`,
      'name',
    );
  }
  const { executionId } = await queueExecution(db, {
    trigger: 'REPAIR',
    task,
    now,
    artifacts: artifacts.map((artifact) => ({ ...artifact, overwrite: true })),
  });
  return { executionId, artifacts: artifacts.length };
}
