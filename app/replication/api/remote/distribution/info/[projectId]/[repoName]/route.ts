import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listDistributionConfigs } from '@/lib/distribution/list-configs';

// GET /replication/api/remote/distribution/info/{projectId}/{repoName}: every config of the repository.
export const GET = apiRoute(
  {
    path: '/replication/api/remote/distribution/info/[projectId]/[repoName]',
    access: inProject('VIEWER'),
  },
  ({ db, params }) => listDistributionConfigs(db, { projectName: params.projectId, repoName: params.repoName }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
