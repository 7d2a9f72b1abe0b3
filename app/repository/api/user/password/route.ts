import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { readCookie, SESSION_COOKIE } from '@/lib/auth/sessions';
import { changeOwnPassword } from '@/lib/users/change-password';
import { changePasswordSchema } from '@/lib/users/schemas';

// POST /repository/api/user/password {oldPassword, newPassword}: change one's own password; other sessions end.
export const POST = apiRoute(
  { path: '/repository/api/user/password', access: signedIn, audit: 'user.password', body: changePasswordSchema },
  async ({ db, request, principal, body, audit }) => {
    const keepSession = principal.via === 'session' ? readCookie(request.headers.get('cookie'), SESSION_COOKIE) : undefined;
    await changeOwnPassword(db, { caller: principal, input: body, keepSession, audit });
    return null;
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
