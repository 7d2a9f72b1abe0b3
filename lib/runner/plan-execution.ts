import { and, asc, eq } from 'drizzle-orm';
import { listFilesUnder } from '../artifacts/queries';
import type { Db } from '../db/client';
import { executionDetails, executions, ociManifestReferences, ociTags, type StoredPackageConstraint } from '../db/schema';
import type { TaskRow } from '../distribution/queries';
import { newRecordId } from '../ids/new-id';
import { findManifest, type ImageRef } from '../oci/queries';
import type { RepositoryRow } from '../projects/queries';

type DetailValues = typeof executionDetails.$inferInsert;

const imageOf = (constraint: StoredPackageConstraint) => constraint.packageName ?? constraint.packageKey?.replace(/^docker:\/\//, '') ?? '';

async function tagsOf(db: Db, repository: RepositoryRow, image?: string) {
  return db
    .select({ image: ociTags.image, tag: ociTags.tag, digest: ociTags.digest })
    .from(ociTags)
    .where(
      and(
        eq(ociTags.projectName, repository.projectName),
        eq(ociTags.repoName, repository.name),
        image === undefined ? undefined : eq(ociTags.image, image),
      ),
    )
    .orderBy(asc(ociTags.image), asc(ociTags.tag));
}

/**
 * The bytes a push of this manifest may send: its distinct blobs (config and layers), those of
 * child manifests included. Manifests themselves are not counted, as the runner counts blob bytes,
 * so a run's byte progress and ETA have a total to go by.
 */
async function imageBlobBytes(db: Db, ref: ImageRef, digest: string): Promise<number> {
  const blobs = new Map<string, number>();
  const seen = new Set<string>();
  const pending = [digest];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    const manifest = await findManifest(db, ref, next);
    if (!manifest) continue;
    const references = await db.select().from(ociManifestReferences).where(eq(ociManifestReferences.manifestId, manifest.id));
    for (const reference of references) {
      if (reference.kind === 'manifest') pending.push(reference.digest);
      else if (reference.kind !== 'subject') blobs.set(reference.digest, reference.size);
    }
  }
  return [...blobs.values()].reduce((sum, size) => sum + size, 0);
}

/**
 * Lists what a run copies, as PENDING detail rows: the files of its path constraints, the image
 * versions of its package constraints, or the whole repository when it has neither. A version
 * that does not exist becomes a FAILED row saying so, rather than silently nothing.
 */
export async function planExecutionDetails(db: Db, task: TaskRow, repository: RepositoryRow, executionId: string): Promise<DetailValues[]> {
  const details: DetailValues[] = [];
  const base = { executionId, status: 'PENDING' as const };
  if (repository.type === 'GENERIC') {
    const paths = task.pathConstraints.length > 0 ? task.pathConstraints : task.packageConstraints.length > 0 ? [] : ['/'];
    const seen = new Set<string>();
    for (const path of paths) {
      const files = await listFilesUnder(db, { projectName: repository.projectName, repoName: repository.name, path });
      if (files.length === 0 && task.kind === 'RUN_ONCE') {
        details.push({
          ...base,
          id: newRecordId(),
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
          id: newRecordId(),
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
  const sizeOf = (tag: { image: string; digest: string }) =>
    imageBlobBytes(db, { projectName: repository.projectName, repoName: repository.name, image: tag.image }, tag.digest);
  for (const constraint of constraints) {
    const image = constraint.packageName || constraint.packageKey ? imageOf(constraint) : undefined;
    const tags = await tagsOf(db, repository, image);
    const wanted = constraint.versions;
    const targetVersion = constraint.targetVersions?.join(',') ?? null;
    if (wanted) {
      for (const version of wanted) {
        const tag = tags.find((t) => t.tag === version);
        details.push(
          tag
            ? {
                ...base,
                id: newRecordId(),
                artifactKind: 'IMAGE',
                artifactName: tag.image,
                version,
                targetVersion,
                digest: tag.digest,
                size: await sizeOf(tag),
              }
            : {
                ...base,
                id: newRecordId(),
                artifactKind: 'IMAGE',
                artifactName: image ?? '',
                version,
                status: 'FAILED',
                errorReason: `${image}:${version} does not exist in ${repository.projectName}/${repository.name}`,
              },
        );
      }
    } else {
      for (const tag of tags)
        details.push({
          ...base,
          id: newRecordId(),
          artifactKind: 'IMAGE',
          artifactName: tag.image,
          version: tag.tag,
          targetVersion,
          digest: tag.digest,
          size: await sizeOf(tag),
        });
    }
  }
  return details;
}

export async function insertPlannedDetails(db: Db, executionId: string, details: DetailValues[]): Promise<void> {
  const failed = details.filter((d) => d.status === 'FAILED').length;
  for (let i = 0; i < details.length; i += 500) await db.insert(executionDetails).values(details.slice(i, i + 500));
  await db
    .update(executions)
    .set({ totalItems: details.length, failedItems: failed, totalBytes: details.reduce((sum, d) => sum + (d.size ?? 0), 0) })
    .where(eq(executions.id, executionId));
}
