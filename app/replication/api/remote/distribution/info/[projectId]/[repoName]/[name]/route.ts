import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listDistributionConfigs } from '@/lib/distribution/list-configs';

// GET /replication/api/remote/distribution/info/{projectId}/{repoName}/{name}: [config] or [] when absent.
export const GET = apiRoute(
  {
    path: '/replication/api/remote/distribution/info/[projectId]/[repoName]/[name]',
    access: inProject('VIEWER'),
  },
  ({ db, params }) => listDistributionConfigs(db, { projectName: params.projectId, repoName: params.repoName, name: params.name }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
