/**
 * Headers every response carries (set in lib/server/node-server-patches.ts, where every response
 * passes, including Next.js's own 404s and static files): no MIME sniffing, no framing by other
 * sites, no full URLs leaked to other origins.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};

/** For responses that are not pages (JSON, /v2, static files): nothing may run or load from them. */
export const DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * User files from /generic: `sandbox` gives the document an opaque origin with scripts off, so an
 * uploaded page cannot act as Ferry even when opened inline; images and media may still display.
 */
export const USER_FILE_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'none'";

/**
 * The admin UI's policy (proxy.ts): scripts only from Ferry and with this request's nonce, which
 * Next.js puts on its own inline scripts ('strict-dynamic' lets those load their chunks). Styles
 * allow inline because Radix positions popovers with style attributes; a style cannot run code.
 */
export function pageContentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
