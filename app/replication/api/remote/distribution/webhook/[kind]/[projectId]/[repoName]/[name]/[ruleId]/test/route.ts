import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { queueTestDelivery, ruleOwnerOf } from '@/lib/notifications/rules';

// POST /replication/api/remote/distribution/webhook/{config|runOnceTask}/{projectId}/{repoName}/{name}/{ruleId}/test: queue a TEST delivery.
export const POST = apiRoute(
  {
    path: '/replication/api/remote/distribution/webhook/[kind]/[projectId]/[repoName]/[name]/[ruleId]/test',
    access: inProject('MAINTAINER'),
    audit: 'webhook.test',
  },
  ({ db, params, principal }) =>
    queueTestDelivery(db, { owner: ruleOwnerOf(params), ruleId: params.ruleId, actor: principal.username, now: new Date() }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
