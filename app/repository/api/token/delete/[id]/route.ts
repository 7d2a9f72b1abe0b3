import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { revokeApiToken } from '@/lib/auth/token-operations';

// DELETE /repository/api/token/delete/{id}: revoke one of the caller's tokens.
export const DELETE = apiRoute(
  { path: '/repository/api/token/delete/[id]', access: signedIn, audit: 'token.delete' },
  async ({ db, params, principal }) => {
    await revokeApiToken(db, principal.userId, params.id);
    return null;
  },
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
