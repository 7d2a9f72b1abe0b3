import { and, count, countDistinct, desc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../db/client';
import { ociManifestReferences, ociManifests, ociRepositoryBlobs, ociTags } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { type Page, pageOffset, toPage } from '../paging/page';
import { getRepositoryOrThrow } from '../projects/queries';
import { formatLocalDateTime } from '../time/local-time';
import { packageKeyOf } from './package-key';
import { type ImageRef, imageIs } from './queries';
import type { PackagePageQuery, PackageSummary, PackageVersion, PackageVersionDetail, Platform, VersionPageQuery } from './schemas';
import { deleteTags } from './tag-changes';

type RepoRef = { projectName: string; repoName: string };

function repoTags(repo: RepoRef) {
  return and(eq(ociTags.projectName, repo.projectName), eq(ociTags.repoName, repo.repoName));
}

// % and _ are wildcards in LIKE; a package name filter matches them literally.
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `scope`, narrowed to the rows whose `column` contains `text` (when a filter is given). */
function containing(scope: SQL | undefined, column: PgColumn, text: string | undefined) {
  return text ? and(scope, ilike(column, `%${likeEscape(text)}%`)) : scope;
}

/** Images with at least one tag: a package is an image, its versions are its tags. */
export async function listPackagePage(db: Db, repo: RepoRef, query: PackagePageQuery): Promise<Page<PackageSummary>> {
  await getRepositoryOrThrow(db, repo.projectName, repo.repoName);
  const where = containing(repoTags(repo), ociTags.image, query.packageName);
  const [total] = await db
    .select({ value: countDistinct(ociTags.image) })
    .from(ociTags)
    .where(where);
  const images = await db
    .select({ image: ociTags.image })
    .from(ociTags)
    .where(where)
    .groupBy(ociTags.image)
    .orderBy(ociTags.image)
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const summaries = await summarise(
    db,
    repo,
    images.map((i) => i.image),
  );
  return toPage(summaries, total?.value ?? 0, query);
}

export async function getPackageInfo(db: Db, repo: RepoRef, image: string): Promise<PackageSummary> {
  await getRepositoryOrThrow(db, repo.projectName, repo.repoName);
  const [summary] = await summarise(db, repo, [image]);
  if (!summary) throw packageNotFound(image);
  return summary;
}

async function summarise(db: Db, repo: RepoRef, images: string[]): Promise<PackageSummary[]> {
  if (images.length === 0) return [];
  const tags = await db
    .select()
    .from(ociTags)
    .where(and(repoTags(repo), inArray(ociTags.image, images)));
  return images.flatMap((image) => {
    const own = tags.filter((t) => t.image === image);
    const first = own.reduce<(typeof own)[number] | undefined>((a, t) => (!a || t.createdAt < a.createdAt ? t : a), undefined);
    const latest = own.reduce<(typeof own)[number] | undefined>((a, t) => (!a || t.lastModifiedAt > a.lastModifiedAt ? t : a), undefined);
    if (!first || !latest) return [];
    return [
      {
        projectId: repo.projectName,
        repoName: repo.repoName,
        name: image,
        key: packageKeyOf(image),
        type: 'DOCKER' as const,
        latest: latest.tag,
        versions: own.length,
        downloads: 0,
        description: null,
        versionTag: {},
        extension: {},
        historyVersion: [],
        createdBy: first.createdBy,
        createdDate: formatLocalDateTime(first.createdAt),
        lastModifiedBy: latest.lastModifiedBy,
        lastModifiedDate: formatLocalDateTime(latest.lastModifiedAt),
      },
    ];
  });
}

const versionColumns = {
  tag: ociTags.tag,
  metadata: ociTags.metadata,
  createdBy: ociTags.createdBy,
  createdAt: ociTags.createdAt,
  lastModifiedBy: ociTags.lastModifiedBy,
  lastModifiedAt: ociTags.lastModifiedAt,
  manifestId: ociManifests.id,
  digest: ociManifests.digest,
  mediaType: ociManifests.mediaType,
  contentSize: ociManifests.contentSize,
  platforms: ociManifests.platforms,
};
type VersionRow = { [K in keyof typeof versionColumns]: (typeof versionColumns)[K]['_']['data'] };

function versionsOf(db: Db) {
  return db
    .select(versionColumns)
    .from(ociTags)
    .innerJoin(
      ociManifests,
      and(
        eq(ociManifests.projectName, ociTags.projectName),
        eq(ociManifests.repoName, ociTags.repoName),
        eq(ociManifests.image, ociTags.image),
        eq(ociManifests.digest, ociTags.digest),
      ),
    );
}

function imageTags(ref: ImageRef) {
  return imageIs(ociTags, ref);
}

function toPackageVersion(row: VersionRow): PackageVersion {
  const platforms: Platform[] = row.platforms.map((p) => ({
    os: p.os ?? null,
    architecture: p.architecture ?? null,
    variant: p.variant ?? null,
    digest: p.digest,
  }));
  return {
    name: row.tag,
    size: row.contentSize,
    digest: row.digest,
    mediaType: row.mediaType,
    platforms,
    downloads: 0,
    stageTag: [],
    tags: [],
    metadata: row.metadata,
    extension: {},
    createdBy: row.createdBy,
    createdDate: formatLocalDateTime(row.createdAt),
    lastModifiedBy: row.lastModifiedBy,
    lastModifiedDate: formatLocalDateTime(row.lastModifiedAt),
  };
}

/** Tags of an image, newest change first; `version` filters by tag substring. */
export async function listVersionPage(db: Db, ref: ImageRef, query: VersionPageQuery): Promise<Page<PackageVersion>> {
  await getRepositoryOrThrow(db, ref.projectName, ref.repoName);
  const where = containing(imageTags(ref), ociTags.tag, query.version);
  const [total] = await db.select({ value: count() }).from(ociTags).where(where);
  if (!total?.value && !query.version) throw packageNotFound(ref.image);
  const rows = await versionsOf(db)
    .where(where)
    .orderBy(desc(ociTags.lastModifiedAt), ociTags.tag)
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return toPage(rows.map(toPackageVersion), total?.value ?? 0, query);
}

export async function getVersionDetail(db: Db, ref: ImageRef, version: string): Promise<PackageVersionDetail> {
  await getRepositoryOrThrow(db, ref.projectName, ref.repoName);
  const [row] = await versionsOf(db)
    .where(and(imageTags(ref), eq(ociTags.tag, version)))
    .limit(1);
  if (!row) throw versionNotFound(ref.image, version);
  const references = await db
    .select({ digest: ociManifestReferences.digest, kind: ociManifestReferences.kind, size: ociManifestReferences.size })
    .from(ociManifestReferences)
    .where(eq(ociManifestReferences.manifestId, row.manifestId));
  return { ...toPackageVersion(row), packageKey: packageKeyOf(ref.image), references };
}

/** Deletes one tag (VERSION_DELETED); the manifest stays, reachable by digest. */
export async function deleteVersion(db: Db, ref: ImageRef, version: string, actor: string, audit?: AuditTrail): Promise<void> {
  await getRepositoryOrThrow(db, ref.projectName, ref.repoName);
  const removed = await db.transaction(async (tx) => {
    const tags = await deleteTags(tx, ref, { tag: version }, actor);
    if (tags.length > 0) await audit?.record(tx, { resource: `${ref.projectName}/${ref.repoName}/${ref.image}:${version}` });
    return tags;
  });
  if (removed.length === 0) throw versionNotFound(ref.image, version);
}

/** Deletes an image: every tag (VERSION_DELETED each), manifest and blob link; GC reclaims bytes. */
export async function deletePackage(db: Db, ref: ImageRef, actor: string, audit?: AuditTrail): Promise<void> {
  await getRepositoryOrThrow(db, ref.projectName, ref.repoName);
  const found = await db.transaction(async (tx) => {
    const tags = await deleteTags(tx, ref, {}, actor);
    const manifests = await tx.delete(ociManifests).where(imageIs(ociManifests, ref)).returning({ id: ociManifests.id });
    await tx.delete(ociRepositoryBlobs).where(imageIs(ociRepositoryBlobs, ref));
    const found = tags.length + manifests.length > 0;
    if (found) await audit?.record(tx, { resource: `${ref.projectName}/${ref.repoName}/${ref.image}`, detail: { tags } });
    return found;
  });
  if (!found) throw packageNotFound(ref.image);
}

function packageNotFound(image: string): AppError {
  return new AppError(ErrorCode.RESOURCE_NOT_FOUND, `Package [${packageKeyOf(image)}] not found`, 'packageKey');
}

function versionNotFound(image: string, version: string): AppError {
  return new AppError(ErrorCode.RESOURCE_NOT_FOUND, `Version [${version}] of package [${packageKeyOf(image)}] not found`, 'version');
}
