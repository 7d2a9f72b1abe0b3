import { updateCluster } from '@/lib/clusters/save-cluster';
import { updateClusterSchema } from '@/lib/clusters/schemas';
import { apiRoute } from '@/lib/http/route';

// POST /replication/api/cluster/update: change a node found by id or name; an omitted password is kept.
export const POST = apiRoute({ body: updateClusterSchema }, ({ db, body, principal }) => updateCluster(db, body, principal.username));
