import { listFilesUnder } from '../artifacts/queries';
import type { Db } from '../db/client';
import type { StoredPackageConstraint } from '../db/schema';
import type { TaskRow } from '../distribution/queries';
import type { QueuedArtifact } from '../executions/queue-execution';
import { imageOfConstraint } from '../oci/package-key';
import { listTaggedVersions, resolveImageGraph } from '../oci/queries';
import { isReferrerTag } from '../oci/referrer-tags';
import type { RepositoryRow } from '../projects/queries';
import { planReferrers } from './plan-referrers';

/**
 * Lists what a run copies, as PENDING detail rows: the files of its path constraints, the image
 * versions of its package constraints, or the whole repository when it has neither. A version
 * that does not exist becomes a FAILED row saying so, rather than silently nothing.
 */
export async function planExecutionDetails(db: Db, task: TaskRow, repository: RepositoryRow): Promise<QueuedArtifact[]> {
  const details: QueuedArtifact[] = [];
  const base = { status: 'PENDING' as const };
  if (repository.type === 'GENERIC') {
    const paths = task.pathConstraints.length > 0 ? task.pathConstraints : task.packageConstraints.length > 0 ? [] : ['/'];
    const seen = new Set<string>();
    for (const path of paths) {
      const files = await listFilesUnder(db, { projectName: repository.projectName, repoName: repository.name, path });
      if (files.length === 0 && task.kind === 'RUN_ONCE') {
        details.push({
          ...base,
          artifactKind: 'FILE',
          artifactName: path,
          status: 'FAILED',
          errorReason: `${path} does not exist in ${repository.projectName}/${repository.name}`,
        });
      }
      for (const file of files) {
        if (seen.has(file.fullPath)) continue;
        seen.add(file.fullPath);
        details.push({
          ...base,
          artifactKind: 'FILE',
          artifactName: file.fullPath,
          size: file.size,
          digest: `sha256:${file.sha256}`,
        });
      }
    }
    return details;
  }
  const constraints: StoredPackageConstraint[] = task.packageConstraints.length > 0 ? task.packageConstraints : [{}];
  const repo = { projectName: repository.projectName, repoName: repository.name };
  // The bytes a push may send (blobs, children's included), so a run's byte progress has a total.
  const sizeOf = async (tag: { image: string; digest: string }) =>
    (await resolveImageGraph(db, { ...repo, image: tag.image, reference: tag.digest }))?.totalBytes ?? 0;
  for (const constraint of constraints) {
    const image = imageOfConstraint(constraint);
    const tags = await listTaggedVersions(db, { ...repo, image });
    const wanted = constraint.versions;
    const targetVersion = constraint.targetVersions?.join(',') ?? null;
    if (wanted) {
      for (const version of wanted) {
        const tag = tags.find((t) => t.tag === version);
        details.push(
          tag
            ? {
                ...base,
                artifactKind: 'IMAGE',
                artifactName: tag.image,
                version,
                targetVersion,
                digest: tag.digest,
                size: await sizeOf(tag),
              }
            : {
                ...base,
                artifactKind: 'IMAGE',
                artifactName: image ?? '',
                version,
                status: 'FAILED',
                errorReason: `${image}:${version} does not exist in ${repository.projectName}/${repository.name}`,
              },
        );
      }
    } else {
      // Cosign and fallback tags travel with their subject (below), not as versions of their own.
      for (const tag of tags.filter((t) => !isReferrerTag(t.tag)))
        details.push({
          ...base,
          artifactKind: 'IMAGE',
          artifactName: tag.image,
          version: tag.tag,
          targetVersion,
          digest: tag.digest,
          size: await sizeOf(tag),
        });
    }
  }
  return [...details, ...(await referrersOf(db, repo, details))];
}

/** The referrers of every planned image version, once per subject (two tags may name one digest). */
async function referrersOf(db: Db, repo: { projectName: string; repoName: string }, details: QueuedArtifact[]): Promise<QueuedArtifact[]> {
  const seen = new Set<string>();
  const referrers: QueuedArtifact[] = [];
  for (const detail of details) {
    if (detail.status === 'FAILED' || !detail.digest) continue;
    const key = `${detail.artifactName} ${detail.digest}`;
    if (seen.has(key)) continue;
    seen.add(key);
    referrers.push(...(await planReferrers(db, { ...repo, image: detail.artifactName }, detail.digest)));
  }
  return referrers;
}
