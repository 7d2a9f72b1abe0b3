import { createApiTokenSchema } from '@/lib/auth/schemas';
import { createApiToken } from '@/lib/auth/token-operations';
import { apiRoute } from '@/lib/http/route';

// POST /repository/api/token/create: a Bearer token for the caller; the token is shown only in this response.
export const POST = apiRoute({ body: createApiTokenSchema }, ({ db, body, principal }) =>
  createApiToken(db, principal.userId, body, new Date()),
);
