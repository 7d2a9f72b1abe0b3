import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { deleteVersion } from '@/lib/oci/packages';
import { versionQuerySchema } from '@/lib/oci/schemas';

// DELETE /repository/api/version/delete/{projectId}/{repoName}?packageKey=&version= — deletes the tag
export const DELETE = apiRoute(
  {
    path: '/repository/api/version/delete/[projectId]/[repoName]',
    access: inProject('MAINTAINER'),
    audit: 'image.delete',
    query: versionQuerySchema,
  },
  ({ db, params, query, principal, audit }) =>
    deleteVersion(
      db,
      { projectName: params.projectId, repoName: params.repoName, image: query.packageKey },
      query.version,
      principal.username,
      audit,
    ),
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
