import { revokeApiToken } from '@/lib/auth/token-operations';
import { apiRoute } from '@/lib/http/route';

// DELETE /repository/api/token/delete/{id}: revoke one of the caller's tokens.
export const DELETE = apiRoute({}, async ({ db, params, principal }) => {
  await revokeApiToken(db, principal.userId, params.id ?? '');
  return null;
});
