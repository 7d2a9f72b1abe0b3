import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listVersionPage } from '@/lib/oci/packages';
import { versionPageQuerySchema } from '@/lib/oci/schemas';

// GET /repository/api/version/page/{projectId}/{repoName}?packageKey=&pageNumber=&pageSize= — tags of an image
export const GET = apiRoute(
  { path: '/repository/api/version/page/[projectId]/[repoName]', access: inProject('VIEWER'), query: versionPageQuerySchema },
  ({ db, params, query }) =>
    listVersionPage(db, { projectName: params.projectId, repoName: params.repoName, image: query.packageKey }, query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
