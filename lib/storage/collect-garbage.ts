import { eq, sql } from 'drizzle-orm';
import { type PgColumn, union } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { genericNodes, ociManifestReferences, ociManifests, ociRepositoryBlobs } from '../db/schema';
import type { BlobStore } from './blob-store';

export type GarbageCollectionOptions = {
  now?: Date;
  /** Blobs younger than this are kept even when unreferenced: their row may not have committed yet. */
  graceMs?: number;
  /** In-flight uploads untouched for this long are abandoned. */
  staleUploadMs?: number;
};

export type GarbageCollectionResult = {
  /** Blobs found in the store. */
  scannedBlobs: number;
  /** Distinct digests referenced by the database. */
  referencedDigests: number;
  deletedBlobs: number;
  deletedBytes: number;
  /** Unreferenced but within the grace period. */
  youngUnreferencedBlobs: number;
  staleUploadsRemoved: number;
};

const DEFAULT_GC_GRACE_MS = 60 * 60 * 1000;
const DEFAULT_STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

/** Every sha256 (hex) the database refers to: generic files and everything OCI keeps. */
async function referencedDigests(db: Db, only?: string): Promise<Set<string>> {
  // OCI tables hold "sha256:<hex>"; generic files hold the bare hex.
  const hex = (column: PgColumn) => sql<string>`regexp_replace(${column}, '^sha256:', '')`;
  const matching = (column: PgColumn) => (only ? sql`${hex(column)} = ${only}` : undefined);
  const rows = await union(
    db
      .select({ digest: genericNodes.sha256 })
      .from(genericNodes)
      .where(only ? eq(genericNodes.sha256, only) : undefined),
    db
      .select({ digest: hex(ociManifests.digest) })
      .from(ociManifests)
      .where(matching(ociManifests.digest)),
    db
      .select({ digest: hex(ociManifestReferences.digest) })
      .from(ociManifestReferences)
      .where(matching(ociManifestReferences.digest)),
    db
      .select({ digest: hex(ociRepositoryBlobs.digest) })
      .from(ociRepositoryBlobs)
      .where(matching(ociRepositoryBlobs.digest)),
  );
  return new Set(rows.map((row) => row.digest));
}

/**
 * Mark and sweep. Mark: every digest the database references. Sweep: each unmarked blob older
 * than the grace period, after checking again — its age (a re-upload of the same bytes renames a
 * fresh file over it) and its references (a row that committed since the mark) — right before
 * deleting. An upload re-checks that its blob exists inside its own transaction, so the tiny
 * window left between this check and the delete makes that upload fail rather than lose data.
 * Uploads in flight live outside the blob folder and are removed only when stale.
 */
export async function collectGarbage(db: Db, store: BlobStore, options: GarbageCollectionOptions = {}): Promise<GarbageCollectionResult> {
  const now = options.now ?? new Date();
  const graceCutoff = new Date(now.getTime() - (options.graceMs ?? DEFAULT_GC_GRACE_MS));
  const marked = await referencedDigests(db);
  const result: GarbageCollectionResult = {
    scannedBlobs: 0,
    referencedDigests: marked.size,
    deletedBlobs: 0,
    deletedBytes: 0,
    youngUnreferencedBlobs: 0,
    staleUploadsRemoved: 0,
  };
  for await (const blob of store.list()) {
    result.scannedBlobs++;
    if (marked.has(blob.sha256)) continue;
    if (blob.modifiedAt > graceCutoff) {
      result.youngUnreferencedBlobs++;
      continue;
    }
    const current = await store.stat(blob.sha256);
    if (!current || current.modifiedAt > graceCutoff) continue;
    if ((await referencedDigests(db, blob.sha256)).size > 0) continue;
    await store.delete(blob.sha256);
    result.deletedBlobs++;
    result.deletedBytes += current.size;
  }
  result.staleUploadsRemoved = await store.sweepTemporaries(new Date(now.getTime() - (options.staleUploadMs ?? DEFAULT_STALE_UPLOAD_MS)));
  return result;
}
