import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { findClusterByName } from '@/lib/clusters/queries';
import { clusterNameQuerySchema } from '@/lib/clusters/schemas';

// GET /replication/api/cluster/exist?name=: whether a node has this name.
export const GET = apiRoute(
  { path: '/replication/api/cluster/exist', access: signedIn, query: clusterNameQuerySchema },
  async ({ db, query }) => (await findClusterByName(db, query.name)) !== undefined,
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
