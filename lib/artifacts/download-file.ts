import { Readable } from 'node:stream';
import parseRange from 'range-parser';
import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { USER_FILE_CONTENT_SECURITY_POLICY } from '../http/security-headers';
import { toWebStream } from '../http/web-stream';
import type { BlobStore } from '../storage/blob-store';
import type { ArtifactLocation } from './artifact-path';
import { openFileContent } from './file-content';
import { listFolderPage } from './list-folder';
import { type FileNodeRow, findFileNode } from './queries';
import { getGenericRepository } from './repository-access';
import type { NodePage, NodePageQuery } from './schemas';

export type DownloadInput = {
  location: ArtifactLocation;
  caller: Principal | null;
  method: 'GET' | 'HEAD';
  /** The Range header, if any. */
  range: string | null;
  /** Content-Disposition: attachment instead of inline. */
  attachment: boolean;
  /** Paging of the listing answered for a folder path. */
  page: NodePageQuery;
};

/**
 * GET/HEAD of a file streams its blob (a single byte range → 206); a folder path answers the
 * folder's listing instead (NodePage, as /repository/api/node/page does).
 */
export async function downloadFile(db: Db, store: BlobStore, input: DownloadInput): Promise<Response | NodePage> {
  await getGenericRepository(db, input.location, input.caller);
  const node = input.location.path === '/' ? undefined : await findFileNode(db, input.location);
  if (!node) return listFolderPage(db, input.location, input.page);

  const headers = contentHeaders(node, input.attachment);
  const selected = selectRange(node.size, input.range);
  if (selected === 'unsatisfiable') {
    // RFC 9110 §15.5.17: 416 names the current length.
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${node.size}`, 'Accept-Ranges': 'bytes' } });
  }
  const status = selected ? 206 : 200;
  if (selected) headers.set('Content-Range', `bytes ${selected.start}-${selected.end}/${node.size}`);
  headers.set('Content-Length', String(selected ? selected.end - selected.start + 1 : node.size));
  if (input.method === 'HEAD') return new Response(null, { status, headers });

  // An empty range would read the whole file; an empty file has nothing to open a range of.
  const stream = node.size === 0 ? Readable.from([]) : await openFileContent(store, node, selected ?? undefined);
  return new Response(toWebStream(stream), { status, headers });
}

/** One range (206) or none (200). Several ranges are answered with the whole file, which RFC 9110 §14.2 allows. */
function selectRange(size: number, header: string | null): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  // -2: malformed; a server ignores a Range it cannot parse (RFC 9110 §14.2).
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return null;
  const [range] = ranges;
  return range ? { start: range.start, end: range.end } : null;
}

// Formats a browser would run as a page (scripts, same origin): always downloaded, never shown inline.
const ACTIVE_CONTENT = /\.(?:html?|xhtml|xht|shtml|mht|mhtml|svgz?|xml|xsl|xslt)$/i;

function contentHeaders(node: FileNodeRow, requestedAttachment: boolean): Headers {
  const attachment = requestedAttachment || ACTIVE_CONTENT.test(node.name);
  const encodedName = encodeURIComponent(node.name);
  const asciiName = node.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Headers({
    'Content-Type': 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    ETag: `"${node.sha256}"`,
    'Last-Modified': node.lastModifiedAt.toUTCString(),
    'X-Checksum-Sha256': node.sha256,
    'X-Checksum-Md5': node.md5,
    'Content-Disposition': `${attachment ? 'attachment' : 'inline'}; filename="${asciiName}"; filename*=UTF-8''${encodedName}`,
    // Uploaded bytes are the users', not Ferry's: never sniffed into HTML, and sandboxed if opened.
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': USER_FILE_CONTENT_SECURITY_POLICY,
  });
}
