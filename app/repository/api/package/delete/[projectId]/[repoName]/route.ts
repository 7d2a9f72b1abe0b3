import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { deletePackage } from '@/lib/oci/packages';
import { packageQuerySchema } from '@/lib/oci/schemas';

// DELETE /repository/api/package/delete/{projectId}/{repoName}?packageKey= — an image with all its tags and manifests
export const DELETE = apiRoute(
  {
    path: '/repository/api/package/delete/[projectId]/[repoName]',
    access: inProject('MAINTAINER'),
    audit: 'image.delete',
    query: packageQuerySchema,
  },
  ({ db, params, query, principal, audit }) =>
    deletePackage(db, { projectName: params.projectId, repoName: params.repoName, image: query.packageKey }, principal.username, audit),
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
