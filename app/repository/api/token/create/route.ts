import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { createApiTokenSchema } from '@/lib/auth/schemas';
import { createApiToken } from '@/lib/auth/token-operations';

// POST /repository/api/token/create: a Bearer token for the caller; the token is shown only in this response.
export const POST = apiRoute(
  { path: '/repository/api/token/create', access: signedIn, audit: 'token.create', body: createApiTokenSchema },
  ({ db, body, principal }) => createApiToken(db, principal, body, new Date()),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
