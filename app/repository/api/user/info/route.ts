import { apiRoute } from '@/lib/http/route';

// GET /repository/api/user/info: who the credentials belong to.
export const GET = apiRoute({}, async ({ principal }) => ({ userId: principal.userId, username: principal.username }));
