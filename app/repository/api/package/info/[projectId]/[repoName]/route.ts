import { apiRoute } from '@/lib/http/route';
import { getPackageInfo } from '@/lib/oci/packages';
import { packageQuerySchema } from '@/lib/oci/schemas';

// GET /repository/api/package/info/{projectId}/{repoName}?packageKey=docker://{image} — one image's summary
export const GET = apiRoute({ query: packageQuerySchema }, ({ db, params, query }) =>
  getPackageInfo(db, { projectName: params.projectId ?? '', repoName: params.repoName ?? '' }, query.packageKey),
);
