import { adminOnly } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listUserRows, toUserInfo } from '@/lib/users/queries';

// GET /repository/api/user/list: every user, by userId (administrators only).
export const GET = apiRoute({ path: '/repository/api/user/list', access: adminOnly }, async ({ db }) =>
  (await listUserRows(db)).map(toUserInfo),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
