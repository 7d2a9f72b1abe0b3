import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { artifactEvents, eventCursors, executions, REAL_TIME_CONSUMER } from '../db/schema';

export type QueueStats = { queued: number; oldestQueuedSeconds: number; outboxLagEvents: number; outboxLagSeconds: number };

/**
 * What /metrics reports of the shared queue, read at scrape time in one round trip. Each part is
 * an index probe: queued runs are in the partial index of active runs, events by primary key.
 */
export async function readQueueStats(db: Db, now: Date): Promise<QueueStats> {
  const result = await db.execute(sql`
    with cursor as (
      select coalesce((select ${eventCursors.lastEventId} from ${eventCursors} where ${eventCursors.consumer} = ${REAL_TIME_CONSUMER}), 0) as last_id
    )
    select
      (select count(*) from ${executions} where ${executions.status} = 'QUEUED')::int as queued,
      (select min(${executions.queuedAt}) from ${executions} where ${executions.status} = 'QUEUED') as oldest_queued,
      (select coalesce(max(${artifactEvents.id}), 0) from ${artifactEvents}) - (select last_id from cursor) as lag_events,
      (select ${artifactEvents.createdAt} from ${artifactEvents}
        where ${artifactEvents.id} > (select last_id from cursor) order by ${artifactEvents.id} limit 1) as oldest_unread`);
  const [row] = rowsOf<{
    queued: number | string;
    oldest_queued: string | Date | null;
    lag_events: number | string | null;
    oldest_unread: string | Date | null;
  }>(result);
  const ageOf = (value: string | Date | null | undefined) => (value ? Math.max(0, (now.getTime() - new Date(value).getTime()) / 1000) : 0);
  return {
    queued: Number(row?.queued ?? 0),
    oldestQueuedSeconds: ageOf(row?.oldest_queued),
    outboxLagEvents: Math.max(0, Number(row?.lag_events ?? 0)),
    outboxLagSeconds: ageOf(row?.oldest_unread),
  };
}
