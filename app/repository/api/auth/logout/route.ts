import { deleteSession, readCookie, SESSION_COOKIE, sessionCookie } from '@/lib/auth/sessions';
import { ok } from '@/lib/http/envelope';
import { apiRoute } from '@/lib/http/route';

// POST /repository/api/auth/logout: ends the cookie session (needs its X-CSRF-Token) and clears the cookie.
export const POST = apiRoute({}, async ({ db, request, traceId }) => {
  const secret = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (secret) await deleteSession(db, secret);
  return Response.json(ok(null, traceId), { headers: { 'Set-Cookie': sessionCookie(request, '', null), 'X-Request-Id': traceId } });
});
