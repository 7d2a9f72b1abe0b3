import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { ociUploads } from '../db/schema';
import { type BlobStore, BlobVerificationError } from '../storage/blob-store';
import { authorizeImage } from './access';
import { type OciContext, requestBodyStream } from './context';
import { sha256HexOf } from './digests';
import { OciError } from './errors';
import { parseImageName } from './names';
import { findRepositoryBlob, linkRepositoryBlob } from './queries';

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sessionPath = (context: OciContext, uploadId: string) => `/v2/${context.image.name}/blobs/uploads/${uploadId}`;
const blobPath = (context: OciContext, digest: string) => `/v2/${context.image.name}/blobs/${digest}`;
/** The spec's inclusive Range header: `0-<last byte>`; an empty session reports 0-0, as Docker's registry does. */
const rangeOf = (size: number) => `0-${Math.max(size - 1, 0)}`;

function sessionHeaders(context: OciContext, uploadId: string, size: number): Record<string, string> {
  return { Location: sessionPath(context, uploadId), Range: rangeOf(size), 'Docker-Upload-UUID': uploadId };
}

// distribution-spec §"Pushing blobs" (end-4a, end-4b, end-11): POST /v2/<name>/blobs/uploads/
export async function startUpload(context: OciContext): Promise<Response> {
  const mount = context.url.searchParams.get('mount');
  const digest = context.url.searchParams.get('digest');
  if (mount) {
    const mounted = await tryMount(context, mount, context.url.searchParams.get('from'));
    if (mounted) return mounted;
  } else if (digest) {
    return pushMonolithic(context, digest);
  }
  // §"POST then PUT" / §"Pushing a blob in chunks": open a session; also the mount fallback.
  const uploadId = await context.store.createUpload();
  await context.db.insert(ociUploads).values({ id: uploadId, ...imageKey(context) });
  return new Response(null, { status: 202, headers: sessionHeaders(context, uploadId, 0) });
}

// distribution-spec §"Single POST": the whole blob in the POST body, verified against ?digest=.
async function pushMonolithic(context: OciContext, digest: string): Promise<Response> {
  const hex = sha256HexOf(digest);
  const info = await context.store.put(requestBodyStream(context.request), { sha256: hex, ...declaredLength(context.request) });
  await linkRepositoryBlob(context.db, imageKey(context), digest, info.size);
  return created(context, digest);
}

// distribution-spec §"Mounting a blob from another repository" (end-11): 201 when the source
// image holds the blob and the caller may pull from it; otherwise the caller gets a session (202).
async function tryMount(context: OciContext, digest: string, from: string | null): Promise<Response | null> {
  const hex = sha256HexOf(digest, 'mount');
  if (!from) return null;
  let source: ReturnType<typeof parseImageName>;
  try {
    source = parseImageName(from);
    await authorizeImage(context.db, context.principal, source, 'pull');
  } catch {
    return null;
  }
  const linked = await findRepositoryBlob(context.db, source, digest);
  const stored = linked ? await context.store.stat(hex) : null;
  if (!stored) return null;
  await linkRepositoryBlob(context.db, imageKey(context), digest, stored.size);
  return created(context, digest);
}

// distribution-spec §"Pushing a blob in chunks" (end-5): PATCH with or without Content-Range.
// Without it the body is appended at the current end, as skopeo sends the whole blob in one PATCH.
export async function patchUpload(context: OciContext, uploadId: string): Promise<Response> {
  await getSessionOrThrow(context, uploadId);
  const current = (await context.store.uploadSize(uploadId)) ?? 0;
  const range = parseContentRange(context.request.headers.get('content-range'));
  if (range) {
    if (range.start !== current) throw outOfOrder(context, uploadId, current, range.start);
    const length = context.request.headers.get('content-length');
    if (length !== null && Number(length) !== range.end - range.start + 1) {
      throw new OciError('BLOB_UPLOAD_INVALID', `Content-Length ${length} disagrees with Content-Range ${range.start}-${range.end}`, {
        range: `${range.start}-${range.end}`,
      });
    }
  }
  const size = await appendChunk(context, uploadId, current, range ? range.end + 1 : undefined);
  await touchSession(context.db, uploadId);
  return new Response(null, { status: 202, headers: sessionHeaders(context, uploadId, size) });
}

// distribution-spec §"Pushing a blob in chunks" (end-6): PUT ?digest= closes the session, with an optional last chunk.
export async function finishUpload(context: OciContext, uploadId: string): Promise<Response> {
  await getSessionOrThrow(context, uploadId);
  const digest = context.url.searchParams.get('digest');
  if (!digest) throw new OciError('DIGEST_INVALID', 'the digest query parameter is required to close an upload', { digest: null });
  const hex = sha256HexOf(digest);
  const current = (await context.store.uploadSize(uploadId)) ?? 0;
  const range = parseContentRange(context.request.headers.get('content-range'));
  if (range && range.start !== current) throw outOfOrder(context, uploadId, current, range.start);
  if (hasBody(context.request)) await appendChunk(context, uploadId, current, range ? range.end + 1 : undefined);
  try {
    const info = await context.store.commitUpload(uploadId, { sha256: hex });
    await linkRepositoryBlob(context.db, imageKey(context), digest, info.size);
  } finally {
    // The store consumed the upload either way: published under its digest, or discarded on a mismatch.
    await context.db.delete(ociUploads).where(eq(ociUploads.id, uploadId));
  }
  return created(context, digest);
}

// distribution-spec §"Upload progress" (end-13): 204 with the bytes received so far.
export async function getUploadStatus(context: OciContext, uploadId: string): Promise<Response> {
  await getSessionOrThrow(context, uploadId);
  const size = (await context.store.uploadSize(uploadId)) ?? 0;
  return new Response(null, { status: 204, headers: sessionHeaders(context, uploadId, size) });
}

// distribution-spec §"Canceling an upload": DELETE the session.
export async function cancelUpload(context: OciContext, uploadId: string): Promise<Response> {
  await getSessionOrThrow(context, uploadId);
  await context.store.abortUpload(uploadId);
  await context.db.delete(ociUploads).where(eq(ociUploads.id, uploadId));
  return new Response(null, { status: 204 });
}

/** Drops sessions idle since before `idleBefore` with their bytes; for the periodic clean-up. */
export async function purgeIdleUploads(db: Db, store: BlobStore, idleBefore: Date): Promise<number> {
  const idle = await db.delete(ociUploads).where(lt(ociUploads.lastActivityAt, idleBefore)).returning({ id: ociUploads.id });
  for (const { id } of idle) await store.abortUpload(id);
  return idle.length;
}

function imageKey(context: OciContext) {
  return { projectName: context.image.projectName, repoName: context.image.repoName, image: context.image.image };
}

function created(context: OciContext, digest: string): Response {
  return new Response(null, { status: 201, headers: { Location: blobPath(context, digest), 'Docker-Content-Digest': digest } });
}

async function getSessionOrThrow(context: OciContext, uploadId: string): Promise<void> {
  const unknown = new OciError('BLOB_UPLOAD_UNKNOWN', `no upload session ${uploadId.slice(0, 64)} for ${context.image.name}`, {
    uploadId: uploadId.slice(0, 64),
  });
  if (!UPLOAD_ID.test(uploadId)) throw unknown;
  const [row] = await context.db
    .select({ id: ociUploads.id })
    .from(ociUploads)
    .where(
      and(
        eq(ociUploads.id, uploadId),
        eq(ociUploads.projectName, context.image.projectName),
        eq(ociUploads.repoName, context.image.repoName),
        eq(ociUploads.image, context.image.image),
      ),
    )
    .limit(1);
  if (!row || (await context.store.uploadSize(uploadId)) === null) throw unknown;
}

async function touchSession(db: Db, uploadId: string): Promise<void> {
  await db.update(ociUploads).set({ lastActivityAt: new Date() }).where(eq(ociUploads.id, uploadId));
}

async function appendChunk(context: OciContext, uploadId: string, offset: number, maxBytes: number | undefined): Promise<number> {
  try {
    return await context.store.appendUpload(uploadId, requestBodyStream(context.request), { offset, maxBytes });
  } catch (error) {
    if (error instanceof BlobVerificationError && error.reason === 'offset') {
      throw outOfOrder(context, uploadId, (await context.store.uploadSize(uploadId)) ?? 0, offset);
    }
    if (error instanceof BlobVerificationError && error.reason === 'too-large') {
      throw new OciError('BLOB_UPLOAD_INVALID', 'the chunk is longer than its Content-Range', null, {
        headers: sessionHeaders(context, uploadId, (await context.store.uploadSize(uploadId)) ?? 0),
      });
    }
    throw error;
  }
}

// distribution-spec §"Pushing a blob in chunks": an out-of-order chunk gets 416 and the current Range.
function outOfOrder(context: OciContext, uploadId: string, current: number, start: number): OciError {
  return new OciError(
    'BLOB_UPLOAD_INVALID',
    `chunk starts at ${start} but the upload holds ${current} bytes`,
    { start, current },
    {
      status: 416,
      headers: sessionHeaders(context, uploadId, current),
    },
  );
}

/** `Content-Range: <start>-<end>` (inclusive), as the spec writes it; `bytes ` prefix tolerated. */
export function parseContentRange(header: string | null): { start: number; end: number } | null {
  if (!header) return null;
  const match = header.trim().match(/^(?:bytes[ =])?(\d+)-(\d+)(?:\/(?:\d+|\*))?$/);
  if (!match)
    throw new OciError('BLOB_UPLOAD_INVALID', `Content-Range [${header.slice(0, 64)}] is not <start>-<end>`, null, { status: 416 });
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (end < start) throw new OciError('BLOB_UPLOAD_INVALID', `Content-Range ${start}-${end} ends before it starts`, null, { status: 416 });
  return { start, end };
}

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return request.body !== null && request.headers.has('transfer-encoding');
}

function declaredLength(request: Request): { size?: number } {
  const length = request.headers.get('content-length');
  return length !== null && /^\d+$/.test(length) ? { size: Number(length) } : {};
}
