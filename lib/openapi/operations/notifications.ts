import { ErrorCode } from '../../http/error-codes';
import { createWebhookRuleSchema, deliveryPageQuerySchema } from '../../notifications/schemas';
import type { Operation } from '../operation';

const WEBHOOK = '/replication/api/remote/distribution/webhook/[kind]/[projectId]/[repoName]/[name]';
const OWNER = '`{kind}` is `config` or `runOnceTask` (another value answers 404, 250123).';
const OWNER_ERRORS = [ErrorCode.ENDPOINT_NOT_FOUND, ErrorCode.REPOSITORY_NOT_FOUND, ErrorCode.REPLICA_TASK_NOT_FOUND];
const RULE_ERRORS = [...OWNER_ERRORS, ErrorCode.RESOURCE_NOT_FOUND];

// Run notifications (Ferry extension): webhook rules of configs and run-once tasks, and their delivery logs.
export const notificationOperations: Operation[] = [
  {
    route: WEBHOOK,
    method: 'GET',
    tag: 'Notifications',
    summary: "A config's or run-once task's webhook rules",
    description: OWNER,
    access: 'VIEWER',
    data: 'rules {id, url, events, hasSecret, createdBy, createdTime}; the secret is never returned',
    errors: OWNER_ERRORS,
  },
  {
    route: WEBHOOK,
    method: 'POST',
    tag: 'Notifications',
    summary: 'Add a webhook rule',
    description: `${OWNER} The URL's host must pass the outbound policy (FERRY_OUTBOUND_ALLOW / _DENY); the secret (≥ 16 characters) signs each body in X-Ferry-Signature and is stored encrypted. At most 20 rules per config or task.`,
    access: 'MAINTAINER',
    body: createWebhookRuleSchema,
    data: 'the rule',
    errors: [...OWNER_ERRORS, ErrorCode.REQUEST_DENIED],
    audited: true,
  },
  {
    route: `${WEBHOOK}/[ruleId]`,
    method: 'DELETE',
    tag: 'Notifications',
    summary: 'Delete a webhook rule and its delivery log',
    description: OWNER,
    access: 'MAINTAINER',
    data: 'null',
    errors: RULE_ERRORS,
    audited: true,
  },
  {
    route: `${WEBHOOK}/[ruleId]/test`,
    method: 'POST',
    tag: 'Notifications',
    summary: 'Queue a TEST delivery of a rule',
    description: `${OWNER} Sent by the sender loop within a poll interval, with the rule's signature; its outcome appears in the delivery log.`,
    access: 'MAINTAINER',
    data: 'the queued delivery',
    errors: RULE_ERRORS,
    audited: true,
  },
  {
    route: `${WEBHOOK}/[ruleId]/deliveries`,
    method: 'GET',
    tag: 'Notifications',
    summary: "A page of a rule's delivery log, newest first",
    description: OWNER,
    access: 'VIEWER',
    query: deliveryPageQuerySchema,
    data: '{pageNumber, pageSize, totalRecords, totalPages, records: [{id, event, executionId, status, attempts, lastStatusCode, lastError, createdTime, deliveredTime, nextAttemptTime}]}',
    errors: RULE_ERRORS,
  },
];
