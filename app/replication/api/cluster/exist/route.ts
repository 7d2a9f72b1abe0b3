import { findClusterByName } from '@/lib/clusters/queries';
import { clusterNameQuerySchema } from '@/lib/clusters/schemas';
import { apiRoute } from '@/lib/http/route';

// GET /replication/api/cluster/exist?name=: whether a node has this name.
export const GET = apiRoute(
  { query: clusterNameQuerySchema },
  async ({ db, query }) => (await findClusterByName(db, query.name)) !== undefined,
);
