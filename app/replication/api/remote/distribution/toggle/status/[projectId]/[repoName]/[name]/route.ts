import { otherMethods } from '@/lib/api/other-methods';
import { repoChangeRoute } from '@/lib/api/repo-change-route';
import { toggleDistributionConfig } from '@/lib/distribution/toggle-config';

// POST /replication/api/remote/distribution/toggle/status/{projectId}/{repoName}/{name}: flip enable.
export const POST = repoChangeRoute(
  { path: '/replication/api/remote/distribution/toggle/status/[projectId]/[repoName]/[name]', audit: 'config.toggle' },
  (db, change, { params }) => toggleDistributionConfig(db, { ...change, name: params.name }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
