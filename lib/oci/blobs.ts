import type { ByteRange } from '../storage/blob-store';
import type { OciContext } from './context';
import { streamBody } from './context';
import { sha256HexOf } from './digests';
import { OciError } from './errors';
import { deleteRepositoryBlob, findRepositoryBlob } from './queries';

async function locateBlob(context: OciContext, digest: string) {
  const hex = sha256HexOf(digest);
  const linked = await findRepositoryBlob(context.db, context.image, digest);
  const stored = linked ? await context.store.stat(hex) : null;
  if (!stored) throw new OciError('BLOB_UNKNOWN', `blob ${digest} is not in ${context.image.name}`, { digest });
  return { hex, size: stored.size };
}

// distribution-spec §"Pulling blobs" (end-2): HEAD and GET /v2/<name>/blobs/<digest>, with Range.
export async function getBlob(context: OciContext, digest: string, method: 'GET' | 'HEAD'): Promise<Response> {
  const { hex, size } = await locateBlob(context, digest);
  const headers: Record<string, string> = {
    'Content-Type': 'application/octet-stream',
    'Docker-Content-Digest': digest,
    'Accept-Ranges': 'bytes',
    ETag: `"${digest}"`,
    // Content-addressed: the bytes under a digest never change.
    'Cache-Control': 'max-age=31536000, immutable',
  };
  const rangeHeader = context.request.headers.get('range');
  const range = rangeHeader ? parseByteRange(rangeHeader, size) : null;
  if (range === 'unsatisfiable') {
    // distribution-spec §"Fetch Blob Part": 416 when the range cannot be served.
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  }
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
    headers['Content-Length'] = String(range.end - range.start + 1);
  } else {
    headers['Content-Length'] = String(size);
  }
  const status = range ? 206 : 200;
  if (method === 'HEAD') return new Response(null, { status, headers });
  const stream = await context.store.open(hex, range ?? undefined);
  if (!stream) throw new OciError('BLOB_UNKNOWN', `blob ${digest} is not in ${context.image.name}`, { digest });
  return new Response(streamBody(stream), { status, headers });
}

/** RFC 9110 single byte range: bytes=a-b, bytes=a-, bytes=-n. Multiple ranges are served whole. */
export function parseByteRange(header: string, size: number): ByteRange | 'unsatisfiable' | null {
  const match = header.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

// distribution-spec §"Deleting Blobs" (end-10): unlinks the blob from this image; GC reclaims bytes.
export async function deleteBlob(context: OciContext, digest: string): Promise<Response> {
  sha256HexOf(digest);
  const removed = await deleteRepositoryBlob(context.db, context.image, digest);
  if (!removed) throw new OciError('BLOB_UNKNOWN', `blob ${digest} is not in ${context.image.name}`, { digest });
  return new Response(null, { status: 202 });
}
