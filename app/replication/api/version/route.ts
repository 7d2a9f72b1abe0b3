import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { FERRY_CLUSTER_API_VERSION, FERRY_PRODUCT, FERRY_VERSION } from '@/lib/version';

// GET /replication/api/version: how a peer recognises a Ferry cluster (and checks its credentials).
export const GET = apiRoute({ path: '/replication/api/version', access: signedIn }, async () => ({
  product: FERRY_PRODUCT,
  version: FERRY_VERSION,
  clusterApiVersion: FERRY_CLUSTER_API_VERSION,
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
