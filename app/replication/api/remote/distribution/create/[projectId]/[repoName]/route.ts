import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { repoChange } from '@/lib/distribution/repo-change';
import { createDistributionConfigs } from '@/lib/distribution/save-configs';
import { createDistributionConfigsSchema } from '@/lib/distribution/schemas';

// POST /replication/api/remote/distribution/create/{projectId}/{repoName}: create or update configs, all or nothing.
export const POST = apiRoute(
  {
    path: '/replication/api/remote/distribution/create/[projectId]/[repoName]',
    access: inProject('MAINTAINER'),
    audit: 'config.create',
    body: createDistributionConfigsSchema,
  },
  async ({ db, params, body, principal, audit }) => {
    await createDistributionConfigs(db, { ...repoChange(params, principal, audit), configs: body.configs });
    return null;
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
