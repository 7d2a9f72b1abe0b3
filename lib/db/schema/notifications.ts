import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { executions, replicaTasks } from './distribution';

export const webhookEvents = ['RUN_FAILED', 'RUN_SUCCEEDED', 'RUN_RECOVERED'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** Where a config's or run-once task's finished runs are announced. */
export const webhookRules = pgTable(
  'webhook_rules',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id')
      .notNull()
      .references(() => replicaTasks.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** HMAC-SHA256 key for X-Ferry-Signature, encrypted at rest like remote passwords. */
    secretEncrypted: text('secret_encrypted'),
    events: jsonb('events').$type<WebhookEvent[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('webhook_rules_task').on(t.taskId)],
);

export const webhookDeliveryStatuses = ['PENDING', 'DELIVERED', 'FAILED'] as const;

/**
 * The notification outbox and its delivery log in one: a row is written in the transaction that
 * finishes the run, then sent (and retried with backoff) by whichever instance claims it. The body
 * is kept as sent, so every retry carries the same bytes and the same signature.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    ruleId: text('rule_id')
      .notNull()
      .references(() => webhookRules.id, { onDelete: 'cascade' }),
    /** Null for a "send test" delivery. */
    executionId: text('execution_id').references(() => executions.id, { onDelete: 'set null' }),
    event: text('event', { enum: [...webhookEvents, 'TEST'] }).notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: webhookDeliveryStatuses }).notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    // One POST per finished run and rule, whichever instance finishes it.
    uniqueIndex('webhook_deliveries_once').on(t.ruleId, t.executionId, t.event).where(sql`${t.executionId} is not null`),
    index('webhook_deliveries_due').on(t.nextAttemptAt).where(sql`${t.status} = 'PENDING'`),
    index('webhook_deliveries_rule_recent').on(t.ruleId, t.createdAt),
  ],
);
