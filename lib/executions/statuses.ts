// No server imports here: the UI hooks use these too.
import { z } from 'zod';

export const executionStatuses = ['QUEUED', 'RUNNING', 'SUCCESS', 'FAILED', 'CANCELLED', 'SKIPPED'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/** The statuses the partial unique index `executions_one_active_per_task` allows once per task. */
export const ACTIVE_STATUSES = ['QUEUED', 'RUNNING'] as const;

export const isActiveStatus = (status: string): boolean => (ACTIVE_STATUSES as readonly string[]).includes(status);

/** `a,b,c` of one enum's values in a query string (e.g. `status=QUEUED,RUNNING`). */
export const enumListQuery = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));
