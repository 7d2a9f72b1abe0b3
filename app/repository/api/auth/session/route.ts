import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import type { SessionInfo } from '@/lib/auth/schemas';

// GET /repository/api/auth/session: who is signed in, and the csrf token the UI sends on changes.
export const GET = apiRoute(
  { path: '/repository/api/auth/session', access: signedIn },
  async ({ principal, csrfToken }): Promise<SessionInfo> => ({
    userId: principal.userId,
    username: principal.username,
    csrfToken,
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
