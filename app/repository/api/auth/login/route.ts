import { anyone } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { passwordThrottle } from '@/lib/auth/password-throttle';
import { loginSchema, type SessionInfo } from '@/lib/auth/schemas';
import { sessionCookie } from '@/lib/auth/sessions';
import { signIn } from '@/lib/auth/sign-in';
import { clientAddressOf } from '@/lib/http/client-address';

// POST /repository/api/auth/login {username, password}: opens an admin UI session (httpOnly cookie).
export const POST = apiRoute(
  { path: '/repository/api/auth/login', access: anyone, body: loginSchema, anonymous: true },
  async ({ db, body, request, responseHeaders, traceId }): Promise<SessionInfo> => {
    const session = await signIn(db, {
      input: body,
      address: clientAddressOf(request),
      throttle: passwordThrottle(),
      now: new Date(),
      traceId,
    });
    responseHeaders.set('Set-Cookie', sessionCookie(request, session.secret, session.expiresAt));
    responseHeaders.set('Cache-Control', 'no-store');
    return { ...session.user, csrfToken: session.csrfToken };
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
