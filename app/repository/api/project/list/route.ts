import { visibleProjectNames } from '@/lib/access/project-access';
import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listProjectRows, toProjectInfo } from '@/lib/projects/queries';

// GET /repository/api/project/list: the projects the caller is a member of (administrators: all).
export const GET = apiRoute({ path: '/repository/api/project/list', access: signedIn }, async ({ db, principal }) =>
  (await listProjectRows(db, await visibleProjectNames(db, principal))).map(toProjectInfo),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
