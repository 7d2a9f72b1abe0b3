import { adminOnly } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { updateCluster } from '@/lib/clusters/save-cluster';
import { updateClusterSchema } from '@/lib/clusters/schemas';

// POST /replication/api/cluster/update: change a node found by id or name; an omitted password is kept.
export const POST = apiRoute(
  { path: '/replication/api/cluster/update', access: adminOnly, audit: 'cluster.update', body: updateClusterSchema },
  ({ db, body, principal }) => updateCluster(db, body, principal.username),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
