import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getClusterOrThrow, presentClusterFor } from '@/lib/clusters/queries';

// GET /replication/api/cluster/info/{id}
export const GET = apiRoute({ path: '/replication/api/cluster/info/[id]', access: signedIn }, async ({ db, params, principal }) =>
  presentClusterFor(principal, await getClusterOrThrow(db, { id: params.id })),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
