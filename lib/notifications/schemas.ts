import { z } from 'zod';
import { pageQueryFields } from '../paging/page';
import { notificationEvents } from './events';

/** Longest webhook URL accepted (browsers and proxies commonly stop near 2 KB). */
const MAX_WEBHOOK_URL_LENGTH = 2048;
/** Secrets are HMAC keys: at least 16 characters, at most 256. */
const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 256;

/**
 * Body of POST …/webhook/{kind}/{projectId}/{repoName}/{name}: one rule. The URL's host is
 * checked against the outbound policy by the operation (lib/notifications/webhook-url.ts).
 */
export const createWebhookRuleSchema = z.object({
  url: z.string().min(1).max(MAX_WEBHOOK_URL_LENGTH),
  /** HMAC-SHA256 key for X-Ferry-Signature; "" and null count as none. Stored encrypted, never returned. */
  secret: z
    .string()
    .max(MAX_SECRET_LENGTH)
    .nullish()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || value.length >= MIN_SECRET_LENGTH, `must have at least ${MIN_SECRET_LENGTH} characters`),
  events: z
    .array(z.enum(notificationEvents))
    .min(1)
    .max(notificationEvents.length)
    .refine((events) => new Set(events).size === events.length, 'must not repeat an event'),
});
export type CreateWebhookRuleInput = z.input<typeof createWebhookRuleSchema>;
export type CreateWebhookRule = z.output<typeof createWebhookRuleSchema>;

/** Query of GET …/deliveries: a page of a rule's delivery log, newest first. */
export const deliveryPageQuerySchema = z.object({ ...pageQueryFields });

/** The `{kind}` path segment: configs and run-once tasks have rules alike. */
export const webhookOwnerKinds = { config: 'CONFIG', runOnceTask: 'RUN_ONCE' } as const;
export type WebhookOwnerSegment = keyof typeof webhookOwnerKinds;
