import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { repoChange } from '@/lib/distribution/repo-change';
import { toggleDistributionConfig } from '@/lib/distribution/toggle-config';

// POST /replication/api/remote/distribution/toggle/status/{projectId}/{repoName}/{name}: flip enable.
export const POST = apiRoute(
  {
    path: '/replication/api/remote/distribution/toggle/status/[projectId]/[repoName]/[name]',
    access: inProject('MAINTAINER'),
    audit: 'config.toggle',
  },
  async ({ db, params, principal, audit }) => {
    await toggleDistributionConfig(db, { ...repoChange(params, principal, audit), name: params.name });
    return null;
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
