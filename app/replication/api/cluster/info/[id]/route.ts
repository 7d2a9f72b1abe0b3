import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getClusterOrThrow, toClusterInfo } from '@/lib/clusters/queries';

// GET /replication/api/cluster/info/{id}
export const GET = apiRoute({ path: '/replication/api/cluster/info/[id]' }, async ({ db, params }) =>
  toClusterInfo(await getClusterOrThrow(db, { id: params.id })),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
