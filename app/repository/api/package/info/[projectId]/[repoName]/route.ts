import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getPackageInfo } from '@/lib/oci/packages';
import { packageQuerySchema } from '@/lib/oci/schemas';

// GET /repository/api/package/info/{projectId}/{repoName}?packageKey=docker://{image} — one image's summary
export const GET = apiRoute(
  { path: '/repository/api/package/info/[projectId]/[repoName]', access: inProject('VIEWER'), query: packageQuerySchema },
  ({ db, params, query }) => getPackageInfo(db, { projectName: params.projectId, repoName: params.repoName }, query.packageKey),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
