import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { currentOutboundPolicy } from '@/lib/net/outbound-agent';
import { createWebhookRule, listWebhookRules, ruleOwnerOf } from '@/lib/notifications/rules';
import { createWebhookRuleSchema } from '@/lib/notifications/schemas';

const path = '/replication/api/remote/distribution/webhook/[kind]/[projectId]/[repoName]/[name]';

// GET /replication/api/remote/distribution/webhook/{config|runOnceTask}/{projectId}/{repoName}/{name}: the webhook rules (never their secrets).
export const GET = apiRoute({ path, access: inProject('VIEWER') }, ({ db, params }) => listWebhookRules(db, ruleOwnerOf(params)));

// POST …/webhook/{config|runOnceTask}/{projectId}/{repoName}/{name}: add a rule {url, secret?, events}.
export const POST = apiRoute(
  { path, access: inProject('MAINTAINER'), audit: 'webhook.create', body: createWebhookRuleSchema },
  ({ db, params, body, principal }) =>
    createWebhookRule(db, {
      owner: ruleOwnerOf(params),
      rule: body,
      actor: principal.username,
      now: new Date(),
      policy: currentOutboundPolicy(),
    }),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
