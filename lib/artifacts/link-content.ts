import { and, eq, inArray, or } from 'drizzle-orm';
import { visibleProjectNames } from '../access/project-access';
import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { genericNodes, repositories } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import type { BlobInfo, BlobStore } from '../storage/blob-store';
import { LINK_HEADER, type UploadOptions } from './upload-headers';

/**
 * The content a link request (X-Ferry-Link-Sha256, a Ferry extension) names, when a file with that
 * sha256 lies in a repository the caller may read. Held only where the caller cannot read is the
 * same "not found" as absent: a digest must not be a key to other projects' files.
 */
export async function findLinkableContent(
  db: Db,
  store: BlobStore,
  caller: Principal,
  options: Pick<UploadOptions, 'md5'> & { linkSha256: string },
): Promise<BlobInfo> {
  const sha256 = options.linkSha256;
  // Readable: public repositories, and the projects the caller (or its token) sees; null = all (administrators).
  const projects = await visibleProjectNames(db, caller);
  const readable =
    projects === null
      ? undefined
      : or(eq(repositories.public, true), projects.length > 0 ? inArray(genericNodes.projectName, projects) : undefined);
  const [held] = await db
    .select({ md5: genericNodes.md5, size: genericNodes.size })
    .from(genericNodes)
    .innerJoin(repositories, and(eq(repositories.projectName, genericNodes.projectName), eq(repositories.name, genericNodes.repoName)))
    .where(and(eq(genericNodes.sha256, sha256), readable))
    .limit(1);
  const stored = held ? await store.stat(sha256) : null;
  if (!held || !stored) {
    throw new AppError(
      ErrorCode.RESOURCE_NOT_FOUND,
      `No content with sha256 [${sha256}] in a repository you may read; send the bytes instead`,
      LINK_HEADER,
    );
  }
  if (options.md5 && options.md5 !== held.md5) throw AppError.invalid('X-BKREPO-MD5', 'does not match the content; nothing was stored');
  return { sha256, md5: held.md5, size: stored.size };
}
