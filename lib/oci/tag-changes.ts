import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { ociTags } from '../db/schema';
import { recordArtifactEvent } from '../events/record-event';
import { type ImageRef, imageIs } from './queries';

/**
 * Points a tag at a manifest and records VERSION_CREATED or VERSION_UPDATED in the same
 * transaction; re-pushing the digest a tag already has changes and records nothing.
 */
export async function setTag(tx: Db, ref: ImageRef, tag: string, digest: string, size: number, actor: string): Promise<void> {
  const inserted = await tx
    .insert(ociTags)
    .values({ ...ref, tag, digest, createdBy: actor, lastModifiedBy: actor })
    .onConflictDoNothing()
    .returning({ tag: ociTags.tag });
  if (inserted.length > 0) {
    await recordArtifactEvent(tx, { type: 'VERSION_CREATED', ...versionEvent(ref, tag, digest, size, actor) });
    return;
  }
  const [current] = await tx.select({ digest: ociTags.digest }).from(ociTags).where(tagIs(ref, tag)).for('update');
  if (!current || current.digest === digest) return;
  await tx.update(ociTags).set({ digest, lastModifiedBy: actor, lastModifiedAt: new Date() }).where(tagIs(ref, tag));
  await recordArtifactEvent(tx, { type: 'VERSION_UPDATED', ...versionEvent(ref, tag, digest, size, actor) });
}

/** Removes tags, recording VERSION_DELETED for each; returns the tags removed. */
export async function deleteTags(tx: Db, ref: ImageRef, where: { tag?: string; digest?: string }, actor: string): Promise<string[]> {
  const conditions = [imageIs(ociTags, ref)];
  if (where.tag !== undefined) conditions.push(eq(ociTags.tag, where.tag));
  if (where.digest !== undefined) conditions.push(eq(ociTags.digest, where.digest));
  const removed = await tx
    .delete(ociTags)
    .where(and(...conditions))
    .returning({ tag: ociTags.tag, digest: ociTags.digest });
  for (const row of removed) {
    await recordArtifactEvent(tx, { type: 'VERSION_DELETED', ...versionEvent(ref, row.tag, row.digest, null, actor) });
  }
  return removed.map((r) => r.tag);
}

function tagIs(ref: ImageRef, tag: string) {
  return and(imageIs(ociTags, ref), eq(ociTags.tag, tag));
}

function versionEvent(ref: ImageRef, tag: string, digest: string, size: number | null, actor: string) {
  return { projectName: ref.projectName, repoName: ref.repoName, path: ref.image, version: tag, digest, size, actor };
}
