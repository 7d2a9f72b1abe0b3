import { ServerResponse } from 'node:http';

/** Internal header a route handler sets to have its Content-Length sent (see below). */
export const DECLARED_LENGTH_HEADER = 'x-ferry-content-length';

type Patched = typeof ServerResponse.prototype & { __ferryDeclaredLength?: true };

/**
 * Next.js drops Content-Length from route-handler responses (FORBIDDEN_HEADERS in its
 * send-response.js), so streamed blobs go out chunked and HEAD answers carry no length, while OCI
 * clients read blob and manifest sizes from them. Handlers declare the length in an internal header;
 * this moves it to Content-Length when the head is written, unless the body is being compressed.
 */
export function installDeclaredContentLength(): void {
  const proto = ServerResponse.prototype as Patched;
  if (proto.__ferryDeclaredLength) return;
  proto.__ferryDeclaredLength = true;
  const writeHead = proto.writeHead;
  proto.writeHead = function patchedWriteHead(this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    const declared = this.getHeader(DECLARED_LENGTH_HEADER);
    if (declared !== undefined) {
      this.removeHeader(DECLARED_LENGTH_HEADER);
      if (!this.getHeader('content-encoding') && /^\d+$/.test(String(declared))) this.setHeader('Content-Length', String(declared));
    }
    return writeHead.apply(this, args) as ServerResponse;
  } as typeof writeHead;
}
