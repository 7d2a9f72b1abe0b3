import { apiRoute } from '@/lib/http/route';
import { listVersionPage } from '@/lib/oci/packages';
import { versionPageQuerySchema } from '@/lib/oci/schemas';

// GET /repository/api/version/page/{projectId}/{repoName}?packageKey=&pageNumber=&pageSize= — tags of an image
export const GET = apiRoute({ query: versionPageQuerySchema }, ({ db, params, query }) =>
  listVersionPage(db, { projectName: params.projectId ?? '', repoName: params.repoName ?? '', image: query.packageKey }, query),
);
