import { clusterNameQuerySchema } from '@/lib/clusters/schemas';
import { tryConnectCluster } from '@/lib/clusters/try-connect';
import { apiRoute } from '@/lib/http/route';
import { remoteFetch } from '@/lib/remote/http-client';

// POST /replication/api/cluster/tryConnect?name=: check the node answers as Ferry; records HEALTHY/UNHEALTHY.
export const POST = apiRoute({ query: clusterNameQuerySchema }, ({ db, query }) =>
  tryConnectCluster(db, query.name, { fetch: remoteFetch }),
);
