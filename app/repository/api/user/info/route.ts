import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';

// GET /repository/api/user/info: who the credentials belong to.
export const GET = apiRoute({ path: '/repository/api/user/info', access: signedIn }, async ({ principal }) => ({
  userId: principal.userId,
  username: principal.username,
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
