import { createHash } from 'node:crypto';
import { buildOpenApiDocument } from './document';

let cached: { body: string; etag: string } | undefined;

/** The document changes only with a new build, so it is built once and revalidated by ETag. */
function documentBody(): { body: string; etag: string } {
  if (!cached) {
    const body = JSON.stringify(buildOpenApiDocument());
    cached = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
  }
  return cached;
}

/** GET /api/openapi.json: the document, or 304 when the caller's If-None-Match holds its ETag. The query is ignored. */
export function serveOpenApiDocument(request: Request): Response {
  const { body, etag } = documentBody();
  const headers = { ETag: etag, 'Cache-Control': 'public, max-age=300' };
  const known = request.headers.get('if-none-match');
  if (known?.split(',').some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
}
