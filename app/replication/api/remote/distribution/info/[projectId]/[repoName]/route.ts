import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listOrPageDistributionConfigs } from '@/lib/distribution/list-configs';
import { taskListQuerySchema } from '@/lib/distribution/schemas';

// GET /replication/api/remote/distribution/info/{projectId}/{repoName}: every config of the repository;
// with pageNumber/pageSize, a page of them (filters: name, enabled, replicaType, lastStatus).
export const GET = apiRoute(
  {
    path: '/replication/api/remote/distribution/info/[projectId]/[repoName]',
    access: inProject('VIEWER'),
    query: taskListQuerySchema,
  },
  ({ db, params, query }) => listOrPageDistributionConfigs(db, { projectName: params.projectId, repoName: params.repoName, query }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
