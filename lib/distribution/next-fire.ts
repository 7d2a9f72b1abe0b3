import type { Db } from '../db/client';
import { notifyRunner } from '../executions/wake';
import { nextFireTime } from '../schedule/cron';

type Schedule = {
  kind: 'CONFIG' | 'RUN_ONCE';
  replicaType: 'REAL_TIME' | 'SCHEDULED' | 'RUN_ONCE';
  executionStrategy: 'IMMEDIATELY' | 'SPECIFIED_TIME' | 'CRON_EXPRESSION';
  executeTime: Date | null;
  cronExpression: string | null;
};

/**
 * The one rule for when a scheduled config next starts, used at save, at enable and after a fire
 * (`justFired`): IMMEDIATELY fires at once and then never again, SPECIFIED_TIME at executeTime
 * while it is ahead, CRON at its next fire time after `now` in the server zone (missed fire times
 * collapse into one run). Real-time configs and run-once tasks are not scheduled.
 */
export function computeNextFireAt(schedule: Schedule, now: Date, options: { justFired?: boolean } = {}): Date | null {
  if (schedule.kind !== 'CONFIG' || schedule.replicaType !== 'SCHEDULED') return null;
  switch (schedule.executionStrategy) {
    case 'IMMEDIATELY':
      return options.justFired ? null : now;
    case 'SPECIFIED_TIME':
      return schedule.executeTime && schedule.executeTime > now ? schedule.executeTime : null;
    case 'CRON_EXPRESSION':
      return schedule.cronExpression ? nextFireTime(schedule.cronExpression, now) : null;
  }
}

/** A schedule saved or enabled as due now (IMMEDIATELY, or overdue) starts at once, not at the next poll. */
export async function wakeRunnerIfDue(db: Db, nextFireAt: Date | null, now: Date): Promise<void> {
  if (nextFireAt && nextFireAt <= now) await notifyRunner(db, 'replica_tasks');
}
