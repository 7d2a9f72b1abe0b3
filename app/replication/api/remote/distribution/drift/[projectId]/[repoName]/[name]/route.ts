import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getDriftReport } from '@/lib/drift/drift-config';
import { driftItemsQuerySchema } from '@/lib/drift/schemas';

// GET /replication/api/remote/distribution/drift/{projectId}/{repoName}/{name}: the latest drift check and a page of its items.
export const GET = apiRoute(
  {
    path: '/replication/api/remote/distribution/drift/[projectId]/[repoName]/[name]',
    access: inProject('VIEWER'),
    query: driftItemsQuerySchema,
  },
  ({ db, params, query }) => getDriftReport(db, { projectName: params.projectId, repoName: params.repoName, name: params.name }, query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
