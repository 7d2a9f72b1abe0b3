import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { anyone, inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { parseArtifactLocation } from '@/lib/artifacts/artifact-path';
import { deleteNode } from '@/lib/artifacts/delete-node';
import { downloadFile } from '@/lib/artifacts/download-file';
import { downloadQuerySchema } from '@/lib/artifacts/schemas';
import { uploadFile } from '@/lib/artifacts/upload-file';
import { parseUploadHeaders } from '@/lib/artifacts/upload-headers';
import { getBlobStore } from '@/lib/storage';

// Changes need MAINTAINER on the path's project; reads are checked by the operation (public repositories).
const maintainerOfPath = inProject('MAINTAINER', { locate: ({ params }) => parseArtifactLocation(params.path ?? '') });

/** Both read methods share one handler: HEAD answers GET's headers without the bytes. */
const download = (method: 'GET' | 'HEAD') =>
  apiRoute(
    { path: '/generic/[...path]', query: downloadQuerySchema, anonymous: true, access: anyone },
    async ({ db, request, principal, params, query }) =>
      downloadFile(db, getBlobStore(), {
        location: parseArtifactLocation(params.path),
        caller: principal,
        method,
        range: request.headers.get('range'),
        attachment: query.download,
        page: query,
      }),
  );

// GET /generic/{projectId}/{repoName}/{path}: streams a file (Range, ?download=true), or lists a folder.
export const GET = download('GET');

// HEAD /generic/{projectId}/{repoName}/{path}: the GET headers of a file, without the bytes.
export const HEAD = download('HEAD');

// PUT /generic/{projectId}/{repoName}/{path}: streams the body into the store (X-BKREPO-* headers).
export const PUT = apiRoute(
  { path: '/generic/[...path]', access: maintainerOfPath, audit: 'file.upload' },
  async ({ db, request, principal, params, audit }) => {
    const location = parseArtifactLocation(params.path);
    const options = parseUploadHeaders(request.headers);
    const content = request.body ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
    return uploadFile(db, getBlobStore(), { location, content, options, caller: principal, audit });
  },
);

// DELETE /generic/{projectId}/{repoName}/{path}: a file, or a folder with everything beneath it.
export const DELETE = apiRoute(
  { path: '/generic/[...path]', access: maintainerOfPath, audit: 'file.delete' },
  async ({ db, principal, params, audit }) => deleteNode(db, parseArtifactLocation(params.path), principal, { audit }),
);

export const { POST, PATCH, OPTIONS } = otherMethods({ GET, HEAD, PUT, DELETE });
