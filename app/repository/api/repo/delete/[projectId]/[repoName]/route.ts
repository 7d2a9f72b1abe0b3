import { apiRoute } from '@/lib/http/route';
import { deleteRepository } from '@/lib/projects/delete-repository';

// DELETE /repository/api/repo/delete/{projectId}/{repoName}: with its configs and tasks.
export const DELETE = apiRoute({}, async ({ db, params }) => {
  await deleteRepository(db, params.projectId ?? '', params.repoName ?? '');
  return null;
});
