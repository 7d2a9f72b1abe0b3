import { and, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { webhookDeliveries } from '../db/schema';

const DAY = 86_400_000;

/**
 * Hourly housekeeping: delivery log lines older than FERRY_HISTORY_DAYS go with the runs they
 * announced, in batches of `batchSize`; a PENDING delivery is never dropped. `days` 0 keeps all.
 */
export async function pruneWebhookDeliveries(db: Db, options: { now: Date; days: number; batchSize?: number }): Promise<number> {
  if (options.days <= 0) return 0;
  const cutoff = new Date(options.now.getTime() - options.days * DAY);
  const batchSize = options.batchSize ?? 500;
  let pruned = 0;
  for (;;) {
    const old = db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(ne(webhookDeliveries.status, 'PENDING'), lt(webhookDeliveries.createdAt, cutoff)))
      .limit(batchSize);
    const deleted = await db
      .delete(webhookDeliveries)
      .where(inArray(webhookDeliveries.id, sql`(${old})`))
      .returning({ id: webhookDeliveries.id });
    pruned += deleted.length;
    if (deleted.length < batchSize) return pruned;
  }
}
