import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listClusterRows, presentClusterFor } from '@/lib/clusters/queries';
import { clusterListQuerySchema } from '@/lib/clusters/schemas';

// GET /replication/api/cluster/list?name=&type=: nodes whose name contains `name`, of `type`.
export const GET = apiRoute(
  { path: '/replication/api/cluster/list', access: signedIn, query: clusterListQuerySchema },
  async ({ db, query, principal }) => (await listClusterRows(db, query)).map((row) => presentClusterFor(principal, row)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
