import { apiRoute } from '@/lib/http/route';
import { deleteVersion } from '@/lib/oci/packages';
import { versionQuerySchema } from '@/lib/oci/schemas';

// DELETE /repository/api/version/delete/{projectId}/{repoName}?packageKey=&version= — deletes the tag
export const DELETE = apiRoute({ query: versionQuerySchema }, ({ db, params, query, principal }) =>
  deleteVersion(
    db,
    { projectName: params.projectId ?? '', repoName: params.repoName ?? '', image: query.packageKey },
    query.version,
    principal.username,
  ),
);
