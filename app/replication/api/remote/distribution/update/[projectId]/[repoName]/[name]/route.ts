import { otherMethods } from '@/lib/api/other-methods';
import { repoChangeRoute } from '@/lib/api/repo-change-route';
import { updateDistributionConfigSchema } from '@/lib/distribution/schemas';
import { updateDistributionConfig } from '@/lib/distribution/update-config';

// POST /replication/api/remote/distribution/update/{projectId}/{repoName}/{name}: change what the body sends.
export const POST = repoChangeRoute(
  {
    path: '/replication/api/remote/distribution/update/[projectId]/[repoName]/[name]',
    audit: 'config.update',
    body: updateDistributionConfigSchema,
  },
  (db, change, { params, body }) => updateDistributionConfig(db, { ...change, name: params.name, body }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
