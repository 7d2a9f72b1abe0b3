import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { findOne } from '../db/find-one';
import { ociManifestReferences, ociManifests, ociRepositoryBlobs, ociTags } from '../db/schema';
import { isDigest } from './digests';

// Digest columns hold the full `sha256:<hex>` form; the blob store is keyed by the hex alone.

/** Where an image lives: {projectName}/{repoName}/{image}. */
export type ImageRef = { projectName: string; repoName: string; image: string };

export type ManifestRow = typeof ociManifests.$inferSelect;
type TagRow = typeof ociTags.$inferSelect;

/** The rows of one image (`project/repo/image`) in any OCI table keyed by it. */
export function imageIs(columns: { projectName: PgColumn; repoName: PgColumn; image: PgColumn }, ref: ImageRef) {
  return and(eq(columns.projectName, ref.projectName), eq(columns.repoName, ref.repoName), eq(columns.image, ref.image));
}

export async function findRepositoryBlob(db: Db, ref: ImageRef, digest: string): Promise<{ size: number } | undefined> {
  const [row] = await db
    .select({ size: ociRepositoryBlobs.size })
    .from(ociRepositoryBlobs)
    .where(and(imageIs(ociRepositoryBlobs, ref), eq(ociRepositoryBlobs.digest, digest)))
    .limit(1);
  return row;
}

/** Makes a stored blob servable from an image repository (push, mount); idempotent. */
export async function linkRepositoryBlob(db: Db, ref: ImageRef, digest: string, size: number): Promise<void> {
  await db
    .insert(ociRepositoryBlobs)
    .values({ ...ref, digest, size })
    .onConflictDoNothing();
}

/** Unlinks a blob from an image; false when it was not linked. */
export async function deleteRepositoryBlob(db: Db, ref: ImageRef, digest: string): Promise<boolean> {
  const rows = await db
    .delete(ociRepositoryBlobs)
    .where(and(imageIs(ociRepositoryBlobs, ref), eq(ociRepositoryBlobs.digest, digest)))
    .returning({ digest: ociRepositoryBlobs.digest });
  return rows.length > 0;
}

export async function findManifest(db: Db, ref: ImageRef, digest: string): Promise<ManifestRow | undefined> {
  return findOne(db, ociManifests, and(imageIs(ociManifests, ref), eq(ociManifests.digest, digest)));
}

async function findTag(db: Db, ref: ImageRef, tag: string): Promise<TagRow | undefined> {
  return findOne(db, ociTags, and(imageIs(ociTags, ref), eq(ociTags.tag, tag)));
}

/** The manifest a tag or digest names in an image, or undefined. */
export async function findManifestByReference(db: Db, ref: ImageRef, reference: string): Promise<ManifestRow | undefined> {
  if (isDigest(reference)) return findManifest(db, ref, reference);
  const tag = await findTag(db, ref, reference);
  return tag ? findManifest(db, ref, tag.digest) : undefined;
}

// Tags sort by byte order (distribution-spec §"Listing Tags": lexical order), whatever the collation.
const tagOrder = sql`${ociTags.tag} collate "C"`;

/** One page of tag names after `last`, plus whether more follow. */
export async function listTagPage(db: Db, ref: ImageRef, options: { limit?: number; last?: string }) {
  const conditions = [imageIs(ociTags, ref)];
  if (options.last) conditions.push(sql`${ociTags.tag} collate "C" > ${options.last}`);
  const query = db
    .select({ tag: ociTags.tag })
    .from(ociTags)
    .where(and(...conditions))
    .orderBy(tagOrder);
  const rows = options.limit === undefined ? await query : await query.limit(options.limit + 1);
  const more = options.limit !== undefined && rows.length > options.limit;
  return { tags: rows.slice(0, options.limit).map((r) => r.tag), more };
}

// The read side for the replication runner: it reads the image graph only through these.

/** Tags of an image in byte order. */
export async function listImageTags(db: Db, ref: ImageRef): Promise<string[]> {
  return (await listTagPage(db, ref, {})).tags;
}

/** Images of a DOCKER repository that have at least one manifest, by name. */
export async function listImages(db: Db, repo: { projectName: string; repoName: string }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ image: ociManifests.image })
    .from(ociManifests)
    .where(and(eq(ociManifests.projectName, repo.projectName), eq(ociManifests.repoName, repo.repoName)))
    .orderBy(asc(ociManifests.image));
  return rows.map((r) => r.image);
}

export type ResolvedManifest = {
  digest: string;
  mediaType: string;
  size: number;
  /** Config, layers and child manifests (of an index), in no particular order; subject excluded. */
  referencedDigests: Array<{ digest: string; kind: 'config' | 'layer' | 'manifest'; size: number }>;
};

/**
 * A manifest by tag or digest with what it refers to, or null. Its bytes, and those of every
 * referenced blob, are `getBlobStore().open(hex)` where hex is the digest without `sha256:`.
 */
export async function resolveManifest(db: Db, ref: ImageRef & { reference: string }): Promise<ResolvedManifest | null> {
  const manifest = await findManifestByReference(db, ref, ref.reference);
  if (!manifest) return null;
  const references = await db
    .select({ digest: ociManifestReferences.digest, kind: ociManifestReferences.kind, size: ociManifestReferences.size })
    .from(ociManifestReferences)
    .where(eq(ociManifestReferences.manifestId, manifest.id));
  return {
    digest: manifest.digest,
    mediaType: manifest.mediaType,
    size: manifest.size,
    referencedDigests: references.flatMap((r) => (r.kind === 'subject' ? [] : [{ digest: r.digest, kind: r.kind, size: r.size }])),
  };
}

/** Tags with the digests they name, of one image or of every image in a repository, by image then tag. */
export async function listTaggedVersions(
  db: Db,
  repo: { projectName: string; repoName: string; image?: string },
): Promise<Array<{ image: string; tag: string; digest: string }>> {
  return db
    .select({ image: ociTags.image, tag: ociTags.tag, digest: ociTags.digest })
    .from(ociTags)
    .where(
      and(
        eq(ociTags.projectName, repo.projectName),
        eq(ociTags.repoName, repo.repoName),
        repo.image === undefined ? undefined : eq(ociTags.image, repo.image),
      ),
    )
    .orderBy(asc(ociTags.image), asc(ociTags.tag));
}

export type ImageGraph = {
  root: ResolvedManifest;
  /** Manifests an index refers to (at any depth), those deeper first: the order to push them in. */
  children: ResolvedManifest[];
  /** Digests of child manifests the store does not have. */
  missingManifests: string[];
  /** The distinct config and layer blobs of the root and its children. */
  blobs: Array<{ digest: string; size: number }>;
  totalBytes: number;
};

/** An image version with everything a copy of it sends, or null when the reference names nothing. */
export async function resolveImageGraph(db: Db, ref: ImageRef & { reference: string }): Promise<ImageGraph | null> {
  const root = await resolveManifest(db, ref);
  if (!root) return null;
  const children: ResolvedManifest[] = [];
  const missingManifests: string[] = [];
  const blobs = new Map<string, number>();
  const seen = new Set([root.digest]);
  const queue = [root];
  for (let manifest = queue.shift(); manifest; manifest = queue.shift()) {
    for (const reference of manifest.referencedDigests) {
      if (reference.kind !== 'manifest') {
        blobs.set(reference.digest, reference.size);
        continue;
      }
      if (seen.has(reference.digest)) continue;
      seen.add(reference.digest);
      const child = await resolveManifest(db, { ...ref, reference: reference.digest });
      if (!child) {
        missingManifests.push(reference.digest);
        continue;
      }
      children.push(child);
      queue.push(child);
    }
  }
  const list = [...blobs].map(([digest, size]) => ({ digest, size }));
  return { root, children: children.reverse(), missingManifests, blobs: list, totalBytes: list.reduce((sum, blob) => sum + blob.size, 0) };
}

/** A referrers index entry: image-spec §"Descriptor" with the referrer's artifactType and annotations. */
export type ReferrerDescriptor = {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
};

/**
 * distribution-spec §"Listing Referrers": the manifests of an image whose `subject` is `subjectDigest`,
 * optionally only those of one artifactType, by digest (a stable order for clients and tests).
 */
export async function listReferrerDescriptors(
  db: Db,
  ref: ImageRef,
  subjectDigest: string,
  artifactType?: string | null,
): Promise<ReferrerDescriptor[]> {
  const rows = await db
    .select({
      mediaType: ociManifests.mediaType,
      digest: ociManifests.digest,
      size: ociManifests.size,
      artifactType: ociManifests.artifactType,
      annotations: ociManifests.annotations,
    })
    .from(ociManifestReferences)
    .innerJoin(ociManifests, eq(ociManifests.id, ociManifestReferences.manifestId))
    .where(
      and(
        eq(ociManifestReferences.kind, 'subject'),
        eq(ociManifestReferences.digest, subjectDigest),
        imageIs(ociManifests, ref),
        artifactType ? eq(ociManifests.artifactType, artifactType) : undefined,
      ),
    )
    .orderBy(asc(ociManifests.digest));
  return rows.map((r) => ({
    mediaType: r.mediaType,
    digest: r.digest,
    size: r.size,
    ...(r.artifactType ? { artifactType: r.artifactType } : {}),
    ...(r.annotations && Object.keys(r.annotations).length > 0 ? { annotations: r.annotations } : {}),
  }));
}

/** The subject digest of a stored manifest (OCI 1.1 `subject`), or null when it has none. */
export async function findSubjectOf(db: Db, ref: ImageRef, digest: string): Promise<string | null> {
  const manifest = await findManifest(db, ref, digest);
  if (!manifest) return null;
  const [row] = await db
    .select({ digest: ociManifestReferences.digest })
    .from(ociManifestReferences)
    .where(and(eq(ociManifestReferences.manifestId, manifest.id), eq(ociManifestReferences.kind, 'subject')))
    .limit(1);
  return row?.digest ?? null;
}

/** The tags of an image that name `digest`, in byte order. */
export async function listTagsOfDigest(db: Db, ref: ImageRef, digest: string): Promise<string[]> {
  const rows = await db
    .select({ tag: ociTags.tag })
    .from(ociTags)
    .where(and(imageIs(ociTags, ref), eq(ociTags.digest, digest)))
    .orderBy(tagOrder);
  return rows.map((r) => r.tag);
}

/** Cosign-scheme tags (`sha256-<hex>.sig|.att|.sbom`) present for a subject, with the digests they name. */
export async function listTagsIn(db: Db, ref: ImageRef, tags: string[]): Promise<Array<{ tag: string; digest: string }>> {
  if (tags.length === 0) return [];
  return db
    .select({ tag: ociTags.tag, digest: ociTags.digest })
    .from(ociTags)
    .where(and(imageIs(ociTags, ref), inArray(ociTags.tag, tags)))
    .orderBy(tagOrder);
}
