import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUnitConfig, unitDatabaseForFile } from '../../tests/support/unit-database';
import { executionDetails, executions } from '../db/schema';
import { newRecordId } from '../ids/new-id';
import { pruneExecutionHistory } from './prune-history';
import type { ExecutionRow } from './queries';

// Retention with an injected clock: rows are written with the times they would have, then pruned at `now`.

const unit = unitDatabaseForFile();
const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

/** A run of `taskKey` queued `age` days ago, with two artifact rows; finished an hour later unless active. */
async function run(taskKey: string, age: number, status: ExecutionRow['status']) {
  const id = newRecordId();
  const queuedAt = daysAgo(age);
  const active = status === 'QUEUED' || status === 'RUNNING';
  await unit.db
    .insert(executions)
    .values({ id, taskKey, status, trigger: 'MANUAL', queuedAt, endTime: active ? null : new Date(queuedAt.getTime() + 3_600_000) });
  await unit.db.insert(executionDetails).values(
    ['a', 'b'].map((name) => ({
      id: newRecordId(),
      executionId: id,
      artifactKind: 'FILE' as const,
      artifactName: name,
      status: 'SUCCESS' as const,
    })),
  );
  return id;
}

const remaining = async (ids: string[]) =>
  (await unit.db.select({ id: executions.id }).from(executions).where(inArray(executions.id, ids))).map((row) => row.id).sort();

describe('pruneExecutionHistory', () => {
  it('deletes finished runs past retention with their artifact rows, in batches, keeping recent, active and newest runs', async () => {
    const { config } = await createUnitConfig(unit.db, { name: 'retained', replicaType: 'REAL_TIME', now });
    const { config: quiet } = await createUnitConfig(unit.db, { name: 'quiet', replicaType: 'REAL_TIME', now });
    const old = [
      await run(config.taskKey, 200, 'SUCCESS'),
      await run(config.taskKey, 150, 'FAILED'),
      await run(config.taskKey, 120, 'CANCELLED'),
    ];
    const stuck = await run(config.taskKey, 100, 'RUNNING');
    const recent = await run(config.taskKey, 10, 'SUCCESS');
    // The only runs of a quiet config are old: its newest stays so its "last run" still shows.
    const quietOld = await run(quiet.taskKey, 300, 'SUCCESS');
    const quietLast = await run(quiet.taskKey, 200, 'FAILED');

    const pruned = await pruneExecutionHistory(unit.db, { now, days: 90, batchSize: 2 });

    expect(pruned).toEqual({ executionsPruned: 4, executionDetailsPruned: 8 });
    expect(await remaining([...old, stuck, recent, quietOld, quietLast])).toEqual([stuck, recent, quietLast].sort());
    expect(
      await unit.db
        .select()
        .from(executionDetails)
        .where(inArray(executionDetails.executionId, [...old, quietOld])),
    ).toEqual([]);
    expect(await unit.db.select().from(executionDetails).where(eq(executionDetails.executionId, recent))).toHaveLength(2);
    // Nothing left to prune: a second pass is harmless.
    expect(await pruneExecutionHistory(unit.db, { now, days: 90 })).toEqual({ executionsPruned: 0, executionDetailsPruned: 0 });
  });

  it('keeps everything when the retention is 0 days', async () => {
    const { config } = await createUnitConfig(unit.db, { name: 'forever', replicaType: 'REAL_TIME', now });
    const ancient = [await run(config.taskKey, 3000, 'SUCCESS'), await run(config.taskKey, 2000, 'SUCCESS')];
    expect(await pruneExecutionHistory(unit.db, { now, days: 0 })).toEqual({ executionsPruned: 0, executionDetailsPruned: 0 });
    expect(await remaining(ancient)).toEqual([...ancient].sort());
  });
});
