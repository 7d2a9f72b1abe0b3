import { bigint, bigserial, foreignKey, index, jsonb, type PgColumn, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { repositories } from './projects';

const repositoryFk = (t: { projectName: PgColumn; repoName: PgColumn }, name: string) =>
  foreignKey({ columns: [t.projectName, t.repoName], foreignColumns: [repositories.projectName, repositories.name], name }).onDelete(
    'cascade',
  );

/** Files of GENERIC repositories. Folders are implicit: the distinct prefixes of file paths. */
export const genericNodes = pgTable(
  'generic_nodes',
  {
    id: text('id').primaryKey(),
    projectName: text('project_name').notNull(),
    repoName: text('repo_name').notNull(),
    /** Normalised absolute path, e.g. /release/v1/app.tar.gz */
    fullPath: text('full_path').notNull(),
    /** Folder holding the file, e.g. /release/v1 ('/' at the root). */
    parentPath: text('parent_path').notNull(),
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    md5: text('md5').notNull(),
    metadata: jsonb('metadata').$type<Record<string, string>>().notNull().default({}),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastModifiedBy: text('last_modified_by').notNull(),
    lastModifiedAt: timestamp('last_modified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('generic_nodes_path').on(t.projectName, t.repoName, t.fullPath),
    index('generic_nodes_parent').on(t.projectName, t.repoName, t.parentPath),
    index('generic_nodes_sha256').on(t.sha256),
    repositoryFk(t, 'generic_nodes_repository_fk'),
  ],
);

/** Every manifest (image manifest or index) stored in a DOCKER repository, by image and digest. */
export const ociManifests = pgTable(
  'oci_manifests',
  {
    id: text('id').primaryKey(),
    projectName: text('project_name').notNull(),
    repoName: text('repo_name').notNull(),
    /** Image name inside the repository (may contain '/'). */
    image: text('image').notNull(),
    digest: text('digest').notNull(),
    mediaType: text('media_type').notNull(),
    /** Bytes of the manifest itself; the content is in the blob store under its digest. */
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Sum of config and layer sizes (for an index: of its children), for the package API. */
    contentSize: bigint('content_size', { mode: 'number' }).notNull().default(0),
    /** For an index: [{digest, platform}] of its children. */
    platforms: jsonb('platforms')
      .$type<Array<{ digest: string; os?: string; architecture?: string; variant?: string }>>()
      .notNull()
      .default([]),
    /** OCI 1.1 referrers API: the manifest's artifactType (or its config media type) and annotations. */
    artifactType: text('artifact_type'),
    annotations: jsonb('annotations').$type<Record<string, string>>(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('oci_manifests_image_digest').on(t.projectName, t.repoName, t.image, t.digest),
    repositoryFk(t, 'oci_manifests_repository_fk'),
  ],
);

/** What a manifest refers to (config, layers, child manifests): the GC mark set and size source. */
export const ociManifestReferences = pgTable(
  'oci_manifest_references',
  {
    manifestId: text('manifest_id')
      .notNull()
      .references(() => ociManifests.id, { onDelete: 'cascade' }),
    digest: text('digest').notNull(),
    kind: text('kind', { enum: ['config', 'layer', 'manifest', 'subject'] }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
  },
  (t) => [unique('oci_manifest_references_pk').on(t.manifestId, t.digest, t.kind), index('oci_manifest_references_digest').on(t.digest)],
);

/** Tags of an image: the package is the image, the version is the tag. */
export const ociTags = pgTable(
  'oci_tags',
  {
    projectName: text('project_name').notNull(),
    repoName: text('repo_name').notNull(),
    image: text('image').notNull(),
    tag: text('tag').notNull(),
    digest: text('digest').notNull(),
    metadata: jsonb('metadata').$type<Record<string, string>>().notNull().default({}),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastModifiedBy: text('last_modified_by').notNull(),
    lastModifiedAt: timestamp('last_modified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('oci_tags_image_tag').on(t.projectName, t.repoName, t.image, t.tag), repositoryFk(t, 'oci_tags_repository_fk')],
);

/** Blobs that were pushed to (or mounted into) an image repository: what /v2/<name>/blobs may serve. */
export const ociRepositoryBlobs = pgTable(
  'oci_repository_blobs',
  {
    projectName: text('project_name').notNull(),
    repoName: text('repo_name').notNull(),
    image: text('image').notNull(),
    digest: text('digest').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('oci_repository_blobs_key').on(t.projectName, t.repoName, t.image, t.digest),
    index('oci_repository_blobs_digest').on(t.digest),
    repositoryFk(t, 'oci_repository_blobs_repository_fk'),
  ],
);

/** Upload sessions of the OCI push flow; the bytes are in the blob store's upload area. */
export const ociUploads = pgTable(
  'oci_uploads',
  {
    id: text('id').primaryKey(),
    projectName: text('project_name').notNull(),
    repoName: text('repo_name').notNull(),
    image: text('image').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [repositoryFk(t, 'oci_uploads_repository_fk')],
);

export const artifactEventTypes = [
  'NODE_CREATED',
  'NODE_OVERWRITTEN',
  'NODE_DELETED',
  'VERSION_CREATED',
  'VERSION_UPDATED',
  'VERSION_DELETED',
  /** A manifest with an OCI 1.1 `subject` (signature, SBOM, attestation) pushed by digest; `digest` is its own. */
  'REFERRER_CREATED',
] as const;

/**
 * Outbox: one row per artifact change, written in the same transaction as the change, so the
 * runner's real-time distribution loses nothing if the process dies right after the write.
 */
export const artifactEvents = pgTable(
  'artifact_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type', { enum: artifactEventTypes }).notNull(),
    projectName: text('project_name').notNull(),
    repoName: text('repo_name').notNull(),
    /** GENERIC: the file path. DOCKER: the image name. */
    path: text('path').notNull(),
    /** DOCKER: the tag. */
    version: text('version'),
    digest: text('digest'),
    size: bigint('size', { mode: 'number' }),
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('artifact_events_repo').on(t.projectName, t.repoName, t.id)],
);
