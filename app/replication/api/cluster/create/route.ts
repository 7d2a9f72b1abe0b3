import { adminOnly } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { createCluster } from '@/lib/clusters/save-cluster';
import { createClusterSchema } from '@/lib/clusters/schemas';

// POST /replication/api/cluster/create: register a Ferry cluster node.
export const POST = apiRoute(
  { path: '/replication/api/cluster/create', access: adminOnly, audit: 'cluster.create', body: createClusterSchema },
  ({ db, body, principal }) => createCluster(db, body, principal.username),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
