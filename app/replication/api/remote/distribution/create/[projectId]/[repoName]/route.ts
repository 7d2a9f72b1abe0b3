import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
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
    await createDistributionConfigs(db, {
      projectName: params.projectId,
      repoName: params.repoName,
      configs: body.configs,
      actor: principal.username,
      now: new Date(),
      audit,
    });
    return null;
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
