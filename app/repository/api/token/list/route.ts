import { listApiTokens } from '@/lib/auth/token-operations';
import { apiRoute } from '@/lib/http/route';

// GET /repository/api/token/list: the caller's tokens (never the secrets).
export const GET = apiRoute({}, ({ db, principal }) => listApiTokens(db, principal.userId));
