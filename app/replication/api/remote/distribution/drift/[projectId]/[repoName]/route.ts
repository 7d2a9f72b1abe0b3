import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listDriftSummaries } from '@/lib/drift/drift-config';

// GET /replication/api/remote/distribution/drift/{projectId}/{repoName}: each config's latest drift check (the configs list's "out of sync").
export const GET = apiRoute(
  {
    path: '/replication/api/remote/distribution/drift/[projectId]/[repoName]',
    access: inProject('VIEWER'),
  },
  ({ db, params }) => listDriftSummaries(db, { projectName: params.projectId, repoName: params.repoName }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
