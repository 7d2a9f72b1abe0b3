import { apiRoute } from '@/lib/http/route';
import { deletePackage } from '@/lib/oci/packages';
import { packageQuerySchema } from '@/lib/oci/schemas';

// DELETE /repository/api/package/delete/{projectId}/{repoName}?packageKey= — an image with all its tags and manifests
export const DELETE = apiRoute({ query: packageQuerySchema }, ({ db, params, query, principal }) =>
  deletePackage(db, { projectName: params.projectId ?? '', repoName: params.repoName ?? '', image: query.packageKey }, principal.username),
);
