import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executions, replicaTasks, webhookDeliveries, webhookRules } from '../db/schema';
import { newRecordId } from '../ids/new-id';
import type { NotificationEvent } from './events';
import { runPayload } from './run-payload';

type ExecutionRow = typeof executions.$inferSelect;

/** Most specific first: the one event a rule's single POST is sent as. */
const PRECEDENCE: NotificationEvent[] = ['RUN_RECOVERED', 'RUN_FAILED', 'RUN_SUCCEEDED'];

/** The events a finished run fires: FAILED, or SUCCEEDED (+ RECOVERED when the task's previous finished run failed). */
async function eventsOf(db: Db, execution: ExecutionRow): Promise<NotificationEvent[]> {
  if (execution.status === 'FAILED') return ['RUN_FAILED'];
  if (execution.status !== 'SUCCESS') return [];
  // Cancelled and skipped runs are not outcomes: "previous" looks past them to the last real one.
  const [previous] = await db
    .select({ status: executions.status })
    .from(executions)
    .where(
      and(
        eq(executions.taskKey, execution.taskKey),
        inArray(executions.status, ['SUCCESS', 'FAILED']),
        lt(executions.queuedAt, execution.queuedAt),
      ),
    )
    .orderBy(desc(executions.queuedAt), desc(executions.id))
    .limit(1);
  return previous?.status === 'FAILED' ? ['RUN_SUCCEEDED', 'RUN_RECOVERED'] : ['RUN_SUCCEEDED'];
}

/**
 * Called by the executions module in the transaction that finishes a run: one PENDING delivery
 * per rule of the run's config or task whose events match — sent later by the sender loop, so
 * the run's end and its announcement commit (or roll back) together. A rule subscribed to
 * several matching events gets one POST, as the most specific one (RECOVERED, then FAILED, then
 * SUCCEEDED); the body lists every event it matched. Cancelled runs announce nothing: someone
 * chose to stop them. Returns how many deliveries were queued.
 */
export async function queueRunNotifications(db: Db, execution: ExecutionRow): Promise<number> {
  if (!execution.taskId || (execution.status !== 'SUCCESS' && execution.status !== 'FAILED')) return 0;
  const rules = await db.select().from(webhookRules).where(eq(webhookRules.taskId, execution.taskId));
  if (rules.length === 0) return 0;
  const fired = await eventsOf(db, execution);
  const [task] = await db.select().from(replicaTasks).where(eq(replicaTasks.id, execution.taskId)).limit(1);
  if (!task || fired.length === 0) return 0;
  const payload = await runPayload(db, execution, task);
  const rows = rules.flatMap((rule) => {
    const events = fired.filter((event) => rule.events.includes(event));
    const event = PRECEDENCE.find((candidate) => events.includes(candidate));
    if (!event) return [];
    const id = newRecordId();
    const body = JSON.stringify({ event, events, deliveryId: id, ...payload });
    const at = execution.endTime ?? new Date();
    return [{ id, ruleId: rule.id, executionId: execution.id, event, body, createdAt: at, nextAttemptAt: at }];
  });
  if (rows.length === 0) return 0;
  // The unique (rule, execution, event) index makes a second finish of the same run a no-op.
  const inserted = await db.insert(webhookDeliveries).values(rows).onConflictDoNothing().returning({ id: webhookDeliveries.id });
  return inserted.length;
}
