import { adminOnly } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { clusterNameQuerySchema } from '@/lib/clusters/schemas';
import { tryConnectCluster } from '@/lib/clusters/try-connect';
import { remoteFetch } from '@/lib/remote/http-client';

// POST /replication/api/cluster/tryConnect?name=: check the node answers as Ferry; records HEALTHY/UNHEALTHY.
export const POST = apiRoute(
  { path: '/replication/api/cluster/tryConnect', access: adminOnly, audit: 'cluster.tryConnect', query: clusterNameQuerySchema },
  ({ db, query }) => tryConnectCluster(db, query.name, { fetch: remoteFetch }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
