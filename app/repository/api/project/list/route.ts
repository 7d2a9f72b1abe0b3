import { apiRoute } from '@/lib/http/route';
import { listProjectRows, toProjectInfo } from '@/lib/projects/queries';

// GET /repository/api/project/list
export const GET = apiRoute({}, async ({ db }) => (await listProjectRows(db)).map(toProjectInfo));
