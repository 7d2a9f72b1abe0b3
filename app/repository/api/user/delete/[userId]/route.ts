import { adminOnly } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { deleteUser } from '@/lib/users/delete-user';

// DELETE /repository/api/user/delete/{userId}: remove a user with its tokens and memberships (administrators only).
export const DELETE = apiRoute(
  { path: '/repository/api/user/delete/[userId]', access: adminOnly, audit: 'user.delete' },
  async ({ db, params, principal, audit }) => {
    await deleteUser(db, { username: params.userId, caller: principal, audit });
    return null;
  },
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
