import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { deleteWebhookRule, ruleOwnerOf } from '@/lib/notifications/rules';

// DELETE /replication/api/remote/distribution/webhook/{config|runOnceTask}/{projectId}/{repoName}/{name}/{ruleId}: remove a rule and its log.
export const DELETE = apiRoute(
  {
    path: '/replication/api/remote/distribution/webhook/[kind]/[projectId]/[repoName]/[name]/[ruleId]',
    access: inProject('MAINTAINER'),
    audit: 'webhook.delete',
  },
  async ({ db, params }) => {
    await deleteWebhookRule(db, { owner: ruleOwnerOf(params), ruleId: params.ruleId });
    return null;
  },
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
