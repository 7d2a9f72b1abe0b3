import { loginThrottle } from '@/lib/auth/login-throttle';
import { loginSchema, type SessionInfo } from '@/lib/auth/schemas';
import { sessionCookie } from '@/lib/auth/sessions';
import { signIn } from '@/lib/auth/sign-in';
import { ok } from '@/lib/http/envelope';
import { apiRoute } from '@/lib/http/route';

// POST /repository/api/auth/login {username, password}: opens an admin UI session (httpOnly cookie).
export const POST = apiRoute({ body: loginSchema, anonymous: true }, async ({ db, body, request, traceId }) => {
  const address = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || 'direct';
  const session = await signIn(db, { input: body, address, throttle: loginThrottle(), now: new Date() });
  const data: SessionInfo = { ...session.user, csrfToken: session.csrfToken };
  return Response.json(ok(data, traceId), {
    headers: {
      'Set-Cookie': sessionCookie(request, session.secret, session.expiresAt),
      'X-Request-Id': traceId,
      'Cache-Control': 'no-store',
    },
  });
});
