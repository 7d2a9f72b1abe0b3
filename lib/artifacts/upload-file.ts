import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { AuditTrail } from '../audit/audit-trail';
import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { genericNodes } from '../db/schema';
import { recordArtifactEvent } from '../events/record-event';
import { AppError, isUniqueViolation } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import { type BlobInfo, type BlobStore, BlobVerificationError } from '../storage/blob-store';
import { UploadRefusedError } from '../storage/upload-limits';
import { type ArtifactLocation, splitPath } from './artifact-path';
import { findLinkableContent } from './link-content';
import { nodeEvent } from './node-event';
import { toFileNodeInfo } from './present';
import { findFileNode, findPathOccupancy } from './queries';
import { getGenericRepository } from './repository-access';
import type { NodeInfo } from './schemas';
import type { UploadOptions } from './upload-headers';

export type UploadFileInput = {
  location: ArtifactLocation;
  content: Readable;
  options: UploadOptions;
  caller: Principal;
  now?: () => Date;
  /** Gets the audit row in the transaction that records the node. */
  audit?: AuditTrail;
};

/**
 * Streams a file into the blob store, then records the node and its event in one transaction.
 * The blob is written before the transaction: if the transaction fails, the blob is merely
 * unreferenced and garbage collection removes it later.
 */
export async function uploadFile(db: Db, store: BlobStore, input: UploadFileInput): Promise<NodeInfo> {
  const { location, options, caller } = input;
  const now = input.now ?? (() => new Date());
  await getGenericRepository(db, location, caller, 'write');
  if (location.path === '/') throw AppError.invalid('path', 'must name a file, not the repository root');
  // Checked before reading the body so a refused upload costs no disk; checked again in the transaction.
  await assertPathFree(db, location, options.overwrite);

  // A link request (Ferry extension) names content already stored here; nothing is read from the body.
  const linkSha256 = options.linkSha256;
  const blob = linkSha256
    ? await findLinkableContent(db, store, caller, { md5: options.md5, linkSha256 })
    : await storeContent(store, input.content, options);

  const { parentPath, name } = splitPath(location.path);
  try {
    const row = await db.transaction(async (tx) => {
      await assertPathFree(tx, location, options.overwrite);
      const existing = await findFileNode(tx, location);
      const at = now();
      const values = {
        size: blob.size,
        sha256: blob.sha256,
        md5: blob.md5,
        metadata: options.metadata,
        lastModifiedBy: caller.username,
        lastModifiedAt: at,
      };
      // bk-repo replaces an overwritten node with a new one, so creation fields restart too.
      const [saved] = existing
        ? await tx
            .update(genericNodes)
            .set({ ...values, createdBy: caller.username, createdAt: at })
            .where(and(eq(genericNodes.id, existing.id), eq(genericNodes.sha256, existing.sha256)))
            .returning()
        : await tx
            .insert(genericNodes)
            .values({
              id: newRecordId(),
              projectName: location.projectName,
              repoName: location.repoName,
              fullPath: location.path,
              parentPath,
              name,
              ...values,
              createdBy: caller.username,
              createdAt: at,
            })
            .returning();
      if (!saved) throw conflict(location, 'was changed by a concurrent upload; retry');
      // Garbage collection may have swept an old copy of these bytes a moment before our rename.
      if (!(await store.stat(blob.sha256))) throw new Error(`blob ${blob.sha256} vanished before its node was recorded`);
      await recordArtifactEvent(tx, nodeEvent(existing ? 'NODE_OVERWRITTEN' : 'NODE_CREATED', location, blob, caller.username, at));
      await input.audit?.record(tx, {
        resource: `${location.projectName}/${location.repoName}${location.path}`,
        detail: { overwritten: !!existing, size: blob.size, sha256: blob.sha256, ...(linkSha256 ? { linked: true } : {}) },
      });
      return saved;
    });
    return toFileNodeInfo(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(location, 'already exists');
    throw error;
  }
}

async function assertPathFree(db: Db, location: ArtifactLocation, overwrite: boolean): Promise<void> {
  const occupancy = await findPathOccupancy(db, location);
  if (occupancy.fileAncestor) throw conflict({ ...location, path: occupancy.fileAncestor }, 'is a file, so it cannot hold other files');
  if (occupancy.isFolder) throw conflict(location, 'is a folder');
  if (!overwrite && occupancy.isFile) throw conflict(location, 'already exists; send X-BKREPO-OVERWRITE: true to replace it');
}

function conflict(location: ArtifactLocation, why: string): AppError {
  return new AppError(ErrorCode.RESOURCE_EXISTED, `Node [${location.projectName}/${location.repoName}${location.path}] ${why}`, 'path');
}

const VERIFIED_HEADER = {
  sha256: 'X-BKREPO-SHA256',
  md5: 'X-BKREPO-MD5',
  size: 'Content-Length',
  'too-large': 'body',
  offset: 'body',
} as const;

async function storeContent(store: BlobStore, content: Readable, options: UploadOptions): Promise<BlobInfo> {
  try {
    return await store.put(content, { sha256: options.sha256, md5: options.md5, size: options.size });
  } catch (error) {
    if (error instanceof BlobVerificationError) {
      const field = VERIFIED_HEADER[error.reason];
      if (error.reason === 'size') throw AppError.invalid(field, `the body ended early: ${error.message}`);
      throw AppError.invalid(field, `${error.message}; nothing was stored`);
    }
    if (error instanceof UploadRefusedError) {
      const code = error.reason === 'too-large' ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.INSUFFICIENT_STORAGE;
      throw new AppError(code, `${error.message}; nothing was stored`, 'body');
    }
    if (isInterruptedBody(error))
      throw new AppError(ErrorCode.REQUEST_CONTENT_INVALID, 'The request body was interrupted; nothing was stored');
    throw error;
  }
}

/** The client went away mid-body (Node reports it under several names depending on the layer). */
function isInterruptedBody(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string };
  return (
    e.code === 'ECONNRESET' ||
    e.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    e.name === 'AbortError' ||
    e.message === 'aborted' ||
    e.message === 'terminated'
  );
}
