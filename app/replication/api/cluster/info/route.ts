import { getClusterOrThrow, toClusterInfo } from '@/lib/clusters/queries';
import { clusterNameQuerySchema } from '@/lib/clusters/schemas';
import { apiRoute } from '@/lib/http/route';

// GET /replication/api/cluster/info?name=
export const GET = apiRoute({ query: clusterNameQuerySchema }, async ({ db, query }) =>
  toClusterInfo(await getClusterOrThrow(db, { name: query.name }, 'name')),
);
