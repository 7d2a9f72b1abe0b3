import { apiRoute } from '@/lib/http/route';
import { getVersionDetail } from '@/lib/oci/packages';
import { versionQuerySchema } from '@/lib/oci/schemas';

// GET /repository/api/version/detail/{projectId}/{repoName}?packageKey=&version= — one tag with what its manifest refers to
export const GET = apiRoute({ query: versionQuerySchema }, ({ db, params, query }) =>
  getVersionDetail(db, { projectName: params.projectId ?? '', repoName: params.repoName ?? '', image: query.packageKey }, query.version),
);
