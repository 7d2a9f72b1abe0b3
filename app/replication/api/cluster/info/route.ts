import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getClusterOrThrow, presentClusterFor } from '@/lib/clusters/queries';
import { clusterNameQuerySchema } from '@/lib/clusters/schemas';

// GET /replication/api/cluster/info?name=
export const GET = apiRoute(
  { path: '/replication/api/cluster/info', access: signedIn, query: clusterNameQuerySchema },
  async ({ db, query, principal }) => presentClusterFor(principal, await getClusterOrThrow(db, { name: query.name }, 'name')),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
