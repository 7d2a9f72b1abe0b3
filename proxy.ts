import { type NextRequest, NextResponse } from 'next/server';
import { env } from './lib/env';
import { pageContentSecurityPolicy } from './lib/http/security-headers';

// Admin UI pages: a fresh nonce per request in the Content-Security-Policy, which Next.js reads
// from the request header and puts on its own scripts (docs: guides/content-security-policy).
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  // `next dev` needs eval for React's debugging aids; production does not.
  const policy = pageContentSecurityPolicy(nonce, env().NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: the APIs, /generic, /v2 and /metrics answer no HTML (the server patches give them a strict default policy).
      source: '/((?!api/|generic/|v2/|v2$|metrics$|replication/api/|repository/api/|_next/static/|_next/image|favicon\\.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
