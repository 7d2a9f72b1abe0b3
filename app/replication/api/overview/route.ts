import { visibleProjectNames } from '@/lib/access/project-access';
import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { getOverview } from '@/lib/distribution/overview';

// GET /replication/api/overview: config counts, runs in progress, recent failures and next runs over the caller's projects.
export const GET = apiRoute({ path: '/replication/api/overview', access: signedIn }, async ({ db, principal }) =>
  getOverview(db, await visibleProjectNames(db, principal)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
