import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listClusterRows, toClusterInfo } from '@/lib/clusters/queries';
import { clusterListQuerySchema } from '@/lib/clusters/schemas';

// GET /replication/api/cluster/list?name=&type=: nodes whose name contains `name`, of `type`.
export const GET = apiRoute({ path: '/replication/api/cluster/list', query: clusterListQuerySchema }, async ({ db, query }) =>
  (await listClusterRows(db, query)).map(toClusterInfo),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
