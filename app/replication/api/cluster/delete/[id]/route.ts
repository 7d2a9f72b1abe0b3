import { adminOnly } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { deleteCluster } from '@/lib/clusters/save-cluster';

// DELETE /replication/api/cluster/delete/{id}: remove a node no config targets.
export const DELETE = apiRoute(
  { path: '/replication/api/cluster/delete/[id]', access: adminOnly, audit: 'cluster.delete' },
  async ({ db, params }) => {
    await deleteCluster(db, params.id);
    return null;
  },
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
