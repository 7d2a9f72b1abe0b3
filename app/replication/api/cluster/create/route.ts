import { createCluster } from '@/lib/clusters/save-cluster';
import { createClusterSchema } from '@/lib/clusters/schemas';
import { apiRoute } from '@/lib/http/route';

// POST /replication/api/cluster/create: register a Ferry cluster node.
export const POST = apiRoute({ body: createClusterSchema }, ({ db, body, principal }) => createCluster(db, body, principal.username));
