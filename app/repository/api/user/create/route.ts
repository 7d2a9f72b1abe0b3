import { adminOnly } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { createUser } from '@/lib/users/create-user';
import { createUserSchema } from '@/lib/users/schemas';

// POST /repository/api/user/create {userId, name, password, admin?}: a new user (administrators only).
export const POST = apiRoute(
  { path: '/repository/api/user/create', access: adminOnly, audit: 'user.create', body: createUserSchema },
  ({ db, body, audit }) => createUser(db, { input: body, audit, now: new Date() }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
