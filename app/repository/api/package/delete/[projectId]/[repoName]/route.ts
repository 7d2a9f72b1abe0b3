import { imageDeleteRoute } from '@/lib/api/image-delete-route';
import { otherMethods } from '@/lib/api/other-methods';
import { deletePackage } from '@/lib/oci/packages';
import { packageQuerySchema } from '@/lib/oci/schemas';

// DELETE /repository/api/package/delete/{projectId}/{repoName}?packageKey= — an image with all its tags and manifests
export const DELETE = imageDeleteRoute(
  '/repository/api/package/delete/[projectId]/[repoName]',
  packageQuerySchema,
  (db, image, _query, actor, audit) => deletePackage(db, image, actor, audit),
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
