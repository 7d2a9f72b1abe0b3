import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listWebhookDeliveries, ruleOwnerOf } from '@/lib/notifications/rules';
import { deliveryPageQuerySchema } from '@/lib/notifications/schemas';

// GET /replication/api/remote/distribution/webhook/{config|runOnceTask}/{projectId}/{repoName}/{name}/{ruleId}/deliveries: the rule's delivery log, newest first.
export const GET = apiRoute(
  {
    path: '/replication/api/remote/distribution/webhook/[kind]/[projectId]/[repoName]/[name]/[ruleId]/deliveries',
    access: inProject('VIEWER'),
    query: deliveryPageQuerySchema,
  },
  ({ db, params, query }) => listWebhookDeliveries(db, { owner: ruleOwnerOf(params), ruleId: params.ruleId, page: query }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
