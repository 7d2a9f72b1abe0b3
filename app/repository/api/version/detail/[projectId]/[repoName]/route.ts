import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getVersionDetail } from '@/lib/oci/packages';
import { versionQuerySchema } from '@/lib/oci/schemas';

// GET /repository/api/version/detail/{projectId}/{repoName}?packageKey=&version= — one tag with what its manifest refers to
export const GET = apiRoute(
  { path: '/repository/api/version/detail/[projectId]/[repoName]', access: inProject('VIEWER'), query: versionQuerySchema },
  ({ db, params, query }) =>
    getVersionDetail(db, { projectName: params.projectId, repoName: params.repoName, image: query.packageKey }, query.version),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
