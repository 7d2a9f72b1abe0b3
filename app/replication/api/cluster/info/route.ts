import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getClusterOrThrow, toClusterInfo } from '@/lib/clusters/queries';
import { clusterNameQuerySchema } from '@/lib/clusters/schemas';

// GET /replication/api/cluster/info?name=
export const GET = apiRoute({ path: '/replication/api/cluster/info', query: clusterNameQuerySchema }, async ({ db, query }) =>
  toClusterInfo(await getClusterOrThrow(db, { name: query.name }, 'name')),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
