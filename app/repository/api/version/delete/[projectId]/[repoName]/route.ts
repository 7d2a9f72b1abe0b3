import { imageDeleteRoute } from '@/lib/api/image-delete-route';
import { otherMethods } from '@/lib/api/other-methods';
import { deleteVersion } from '@/lib/oci/packages';
import { versionQuerySchema } from '@/lib/oci/schemas';

// DELETE /repository/api/version/delete/{projectId}/{repoName}?packageKey=&version= — deletes the tag
export const DELETE = imageDeleteRoute(
  '/repository/api/version/delete/[projectId]/[repoName]',
  versionQuerySchema,
  (db, image, query, actor, audit) => deleteVersion(db, image, query.version, actor, audit),
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
