import { adminOnly } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { updateUserSchema } from '@/lib/users/schemas';
import { updateUser } from '@/lib/users/update-user';

// POST /repository/api/user/update/{userId} {name?, admin?, locked?, password?}: change a user (administrators only).
export const POST = apiRoute(
  { path: '/repository/api/user/update/[userId]', access: adminOnly, audit: 'user.update', body: updateUserSchema },
  ({ db, params, body, audit }) => updateUser(db, { username: params.userId, input: body, audit }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
