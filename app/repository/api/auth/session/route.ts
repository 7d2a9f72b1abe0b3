import type { SessionInfo } from '@/lib/auth/schemas';
import { apiRoute } from '@/lib/http/route';

// GET /repository/api/auth/session: who is signed in, and the csrf token the UI sends on changes.
export const GET = apiRoute(
  {},
  async ({ principal, csrfToken }): Promise<SessionInfo> => ({
    userId: principal.userId,
    username: principal.username,
    csrfToken,
  }),
);
