import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { repoChange } from '@/lib/distribution/repo-change';
import { updateDistributionConfigSchema } from '@/lib/distribution/schemas';
import { updateDistributionConfig } from '@/lib/distribution/update-config';

// POST /replication/api/remote/distribution/update/{projectId}/{repoName}/{name}: change what the body sends.
export const POST = apiRoute(
  {
    path: '/replication/api/remote/distribution/update/[projectId]/[repoName]/[name]',
    access: inProject('MAINTAINER'),
    audit: 'config.update',
    body: updateDistributionConfigSchema,
  },
  async ({ db, params, body, principal, audit }) => {
    await updateDistributionConfig(db, { ...repoChange(params, principal, audit), name: params.name, body });
    return null;
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
