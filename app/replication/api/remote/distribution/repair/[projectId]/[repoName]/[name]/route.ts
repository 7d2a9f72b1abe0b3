import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { repairConfig } from '@/lib/drift/repair-config';

// POST /replication/api/remote/distribution/repair/{projectId}/{repoName}/{name}: queue a run of the latest check's missing and different artifacts.
export const POST = apiRoute(
  {
    path: '/replication/api/remote/distribution/repair/[projectId]/[repoName]/[name]',
    access: inProject('MAINTAINER'),
    audit: 'config.repair',
  },
  ({ db, params }) => repairConfig(db, { projectName: params.projectId, repoName: params.repoName, name: params.name }, new Date()),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
