import { nextFireTime } from '../schedule/cron';

type Schedule = {
  kind: 'CONFIG' | 'RUN_ONCE';
  replicaType: 'REAL_TIME' | 'SCHEDULED' | 'RUN_ONCE';
  executionStrategy: 'IMMEDIATELY' | 'SPECIFIED_TIME' | 'CRON_EXPRESSION';
  executeTime: Date | null;
  cronExpression: string | null;
};

/**
 * When a scheduled config should next start: IMMEDIATELY fires at once (the runner clears it
 * after starting), SPECIFIED_TIME at executeTime, CRON at its next fire time in the server zone.
 * Real-time configs and run-once tasks are not scheduled.
 */
export function computeNextFireAt(schedule: Schedule, now: Date): Date | null {
  if (schedule.kind !== 'CONFIG' || schedule.replicaType !== 'SCHEDULED') return null;
  switch (schedule.executionStrategy) {
    case 'IMMEDIATELY':
      return now;
    case 'SPECIFIED_TIME':
      return schedule.executeTime && schedule.executeTime > now ? schedule.executeTime : null;
    case 'CRON_EXPRESSION':
      return schedule.cronExpression ? nextFireTime(schedule.cronExpression, now) : null;
  }
}
