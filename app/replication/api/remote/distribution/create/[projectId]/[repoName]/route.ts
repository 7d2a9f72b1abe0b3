import { otherMethods } from '@/lib/api/other-methods';
import { repoChangeRoute } from '@/lib/api/repo-change-route';
import { createDistributionConfigs } from '@/lib/distribution/save-configs';
import { createDistributionConfigsSchema } from '@/lib/distribution/schemas';

// POST /replication/api/remote/distribution/create/{projectId}/{repoName}: create or update configs, all or nothing.
export const POST = repoChangeRoute(
  {
    path: '/replication/api/remote/distribution/create/[projectId]/[repoName]',
    audit: 'config.create',
    body: createDistributionConfigsSchema,
  },
  (db, change, { body }) => createDistributionConfigs(db, { ...change, configs: body.configs }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
