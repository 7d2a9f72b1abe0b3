import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
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
    await updateDistributionConfig(db, {
      projectName: params.projectId,
      repoName: params.repoName,
      name: params.name,
      body,
      actor: principal.username,
      now: new Date(),
      audit,
    });
    return null;
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
