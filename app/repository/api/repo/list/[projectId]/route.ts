import { apiRoute } from '@/lib/http/route';
import { getProjectOrThrow, listRepositoryRows, toRepositoryInfo } from '@/lib/projects/queries';

// GET /repository/api/repo/list/{projectId}
export const GET = apiRoute({}, async ({ db, params }) => {
  const project = await getProjectOrThrow(db, params.projectId ?? '');
  return (await listRepositoryRows(db, project.name)).map(toRepositoryInfo);
});
