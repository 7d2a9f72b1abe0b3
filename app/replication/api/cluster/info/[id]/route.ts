import { getClusterOrThrow, toClusterInfo } from '@/lib/clusters/queries';
import { apiRoute } from '@/lib/http/route';

// GET /replication/api/cluster/info/{id}
export const GET = apiRoute({}, async ({ db, params }) => toClusterInfo(await getClusterOrThrow(db, { id: params.id ?? '' })));
