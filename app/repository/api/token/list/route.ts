import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listApiTokens } from '@/lib/auth/token-operations';

// GET /repository/api/token/list: the caller's tokens (never the secrets).
export const GET = apiRoute({ path: '/repository/api/token/list', access: signedIn }, ({ db, principal }) =>
  listApiTokens(db, principal.userId),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
