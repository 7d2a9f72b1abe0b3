import type { Db } from '../db/client';
import { queueExecution } from '../executions/queue-execution';
import { getTaskOrThrow, type TaskIdentity } from './queries';

/** Queues a run of a config or task; 250303 when one is already queued or running. */
export async function queueRun(db: Db, identity: TaskIdentity, trigger: 'MANUAL', now: Date): Promise<{ executionId: string }> {
  const task = await getTaskOrThrow(db, identity);
  const { executionId } = await queueExecution(db, { trigger, task, now });
  return { executionId };
}
