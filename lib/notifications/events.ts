import type { WebhookEvent } from '../db/schema/notifications';

// Plain constants (no drizzle), so the UI can list them; the table's enum is the same list.
export const notificationEvents = ['RUN_FAILED', 'RUN_SUCCEEDED', 'RUN_RECOVERED'] as const satisfies readonly WebhookEvent[];
export type NotificationEvent = (typeof notificationEvents)[number];

/** What each event means, for the API description and the UI. */
export const eventMeaning: Record<NotificationEvent, string> = {
  RUN_FAILED: 'a run ended FAILED',
  RUN_SUCCEEDED: 'a run ended SUCCESS',
  RUN_RECOVERED: 'the first success after a failure (the previous finished run failed)',
};
