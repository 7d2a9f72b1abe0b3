/**
 * Next.js drops Content-Length from route handler responses (send-response.ts forbids it, since
 * fetch may have decoded a proxied body). Downloads need it, so a route sets this internal header
 * instead and the patched writeHead (node-server-patches.ts) turns it back into Content-Length.
 */
export const PASSTHROUGH_CONTENT_LENGTH = 'x-ferry-content-length';
