import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listPackagePage } from '@/lib/oci/packages';
import { packagePageQuerySchema } from '@/lib/oci/schemas';

// GET /repository/api/package/page/{projectId}/{repoName}?pageNumber=&pageSize=&packageName= — images of a DOCKER repository
export const GET = apiRoute(
  { path: '/repository/api/package/page/[projectId]/[repoName]', access: inProject('VIEWER'), query: packagePageQuerySchema },
  ({ db, params, query }) => listPackagePage(db, { projectName: params.projectId, repoName: params.repoName }, query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
