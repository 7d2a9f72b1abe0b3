import { apiRoute } from '@/lib/http/route';
import { listPackagePage } from '@/lib/oci/packages';
import { packagePageQuerySchema } from '@/lib/oci/schemas';

// GET /repository/api/package/page/{projectId}/{repoName}?pageNumber=&pageSize=&packageName= — images of a DOCKER repository
export const GET = apiRoute({ query: packagePageQuerySchema }, ({ db, params, query }) =>
  listPackagePage(db, { projectName: params.projectId ?? '', repoName: params.repoName ?? '' }, query),
);
