import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { deleteSession, readCookie, SESSION_COOKIE, sessionCookie } from '@/lib/auth/sessions';

// POST /repository/api/auth/logout: ends the cookie session (needs its X-CSRF-Token) and clears the cookie.
export const POST = apiRoute({ path: '/repository/api/auth/logout', access: signedIn }, async ({ db, request, responseHeaders }) => {
  const secret = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (secret) await deleteSession(db, secret);
  responseHeaders.set('Set-Cookie', sessionCookie(request, '', null));
  return null;
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
