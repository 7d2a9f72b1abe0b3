import { apiRoute } from '@/lib/http/route';
import { FERRY_CLUSTER_API_VERSION, FERRY_PRODUCT, FERRY_VERSION } from '@/lib/version';

// GET /replication/api/version: how a peer recognises a Ferry cluster (and checks its credentials).
export const GET = apiRoute({}, async () => ({
  product: FERRY_PRODUCT,
  version: FERRY_VERSION,
  clusterApiVersion: FERRY_CLUSTER_API_VERSION,
}));
