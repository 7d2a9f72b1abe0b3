import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { deleteRepository } from '@/lib/projects/delete-repository';

// DELETE /repository/api/repo/delete/{projectId}/{repoName}: with its configs and tasks.
export const DELETE = apiRoute(
  { path: '/repository/api/repo/delete/[projectId]/[repoName]', access: inProject('PROJECT_ADMIN'), audit: 'repo.delete' },
  async ({ db, params, audit }) => {
    await deleteRepository(db, params.projectId, params.repoName, audit);
    return null;
  },
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
