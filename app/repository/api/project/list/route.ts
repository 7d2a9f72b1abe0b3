import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listProjectRows, toProjectInfo } from '@/lib/projects/queries';

// GET /repository/api/project/list
export const GET = apiRoute({ path: '/repository/api/project/list', access: signedIn }, async ({ db }) =>
  (await listProjectRows(db)).map(toProjectInfo),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
