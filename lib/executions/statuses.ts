// No server imports here: the UI hooks use these too.
export { executionStatuses } from '../db/statuses';

/** The statuses the partial unique index `executions_one_active_per_task` allows once per task. */
export const ACTIVE_STATUSES = ['QUEUED', 'RUNNING'] as const;

export const isActiveStatus = (status: string): boolean => (ACTIVE_STATUSES as readonly string[]).includes(status);
