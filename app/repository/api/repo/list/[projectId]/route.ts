import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getProjectOrThrow, listRepositoryRows, toRepositoryInfo } from '@/lib/projects/queries';

// GET /repository/api/repo/list/{projectId}
export const GET = apiRoute({ path: '/repository/api/repo/list/[projectId]', access: inProject('VIEWER') }, async ({ db, params }) => {
  const project = await getProjectOrThrow(db, params.projectId);
  return (await listRepositoryRows(db, project.name)).map(toRepositoryInfo);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
