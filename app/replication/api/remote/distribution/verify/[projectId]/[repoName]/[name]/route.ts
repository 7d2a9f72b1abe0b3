import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { configuredDriftDeps, verifyConfigNow } from '@/lib/drift/drift-config';

// POST /replication/api/remote/distribution/verify/{projectId}/{repoName}/{name}: compare source and target now; answers the ended check.
export const POST = apiRoute(
  {
    path: '/replication/api/remote/distribution/verify/[projectId]/[repoName]/[name]',
    access: inProject('MAINTAINER'),
    audit: 'config.verify',
  },
  ({ db, params }) =>
    verifyConfigNow(configuredDriftDeps(db), { projectName: params.projectId, repoName: params.repoName, name: params.name }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
