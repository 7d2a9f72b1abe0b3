import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getCallerInfo } from '@/lib/users/caller-info';

// GET /repository/api/user/info: who the credentials belong to, their roles and (for tokens) the token's scope.
export const GET = apiRoute({ path: '/repository/api/user/info', access: signedIn }, ({ db, principal }) => getCallerInfo(db, principal));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
