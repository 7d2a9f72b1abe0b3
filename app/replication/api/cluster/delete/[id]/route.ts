import { deleteCluster } from '@/lib/clusters/save-cluster';
import { apiRoute } from '@/lib/http/route';

// DELETE /replication/api/cluster/delete/{id}: remove a node no config targets.
export const DELETE = apiRoute({}, async ({ db, params }) => {
  await deleteCluster(db, params.id ?? '');
  return null;
});
