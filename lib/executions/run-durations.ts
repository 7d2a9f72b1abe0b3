import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executions } from '../db/schema';
import { AppError } from '../http/app-error';

/** Finished runs the percentile looks back over: recent enough to describe the config as it is now. */
const RECENT_RUNS = 50;
const MAX_TASK_KEY = 128;

export type RunDurations = {
  /** Finished runs counted (SUCCESS or FAILED, newest first, at most 50). */
  finishedRuns: number;
  /** 95th percentile of their durations (nearest rank), in seconds; null without runs. */
  p95Seconds: number | null;
  medianSeconds: number | null;
};

/** How long a config's (or task's) recent runs took: what the cron preview weighs its schedule against. */
export async function runDurations(db: Db, taskKey: string): Promise<RunDurations> {
  // Task keys are 32 hex characters; anything far longer is no key at all.
  if (taskKey.length > MAX_TASK_KEY) throw AppError.invalid('taskKey', `must be at most ${MAX_TASK_KEY} characters`);
  const rows = await db
    .select({ startTime: executions.startTime, endTime: executions.endTime })
    .from(executions)
    .where(
      and(
        eq(executions.taskKey, taskKey),
        inArray(executions.status, ['SUCCESS', 'FAILED']),
        isNotNull(executions.startTime),
        isNotNull(executions.endTime),
      ),
    )
    .orderBy(desc(executions.queuedAt), desc(executions.id))
    .limit(RECENT_RUNS);
  const seconds = rows.map((row) => Math.max(0, ((row.endTime?.getTime() ?? 0) - (row.startTime?.getTime() ?? 0)) / 1000));
  return { finishedRuns: seconds.length, p95Seconds: percentile(seconds, 0.95), medianSeconds: percentile(seconds, 0.5) };
}

/** Nearest-rank percentile (the smallest value with at least `p` of the values at or below it). */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
}
