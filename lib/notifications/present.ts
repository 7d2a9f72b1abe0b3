import type { webhookDeliveries, webhookRules } from '../db/schema';
import { formatLocalDateTime } from '../time/local-time';

/** A rule as the API answers it: the secret is never returned, only whether one is set. */
export function toWebhookRule(row: typeof webhookRules.$inferSelect) {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    hasSecret: row.secretEncrypted !== null,
    createdBy: row.createdBy,
    createdTime: formatLocalDateTime(row.createdAt),
  };
}

/** One line of a rule's delivery log (the body is what was sent; it holds no secret). */
export function toWebhookDelivery(row: typeof webhookDeliveries.$inferSelect) {
  return {
    id: row.id,
    event: row.event,
    executionId: row.executionId,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdTime: formatLocalDateTime(row.createdAt),
    deliveredTime: formatLocalDateTime(row.deliveredAt),
    /** When the next attempt is due (PENDING only). */
    nextAttemptTime: row.status === 'PENDING' ? formatLocalDateTime(row.nextAttemptAt) : null,
  };
}

// The UI hooks type their responses with these.
export type WebhookRuleInfo = ReturnType<typeof toWebhookRule>;
export type WebhookDeliveryInfo = ReturnType<typeof toWebhookDelivery>;
