import { listClusterRows, toClusterInfo } from '@/lib/clusters/queries';
import { clusterListQuerySchema } from '@/lib/clusters/schemas';
import { apiRoute } from '@/lib/http/route';

// GET /replication/api/cluster/list?name=&type=: nodes whose name contains `name`, of `type`.
export const GET = apiRoute({ query: clusterListQuerySchema }, async ({ db, query }) =>
  (await listClusterRows(db, query)).map(toClusterInfo),
);
