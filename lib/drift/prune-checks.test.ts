import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUnitConfig, unitDatabaseForFile } from '../../tests/support/unit-database';
import { driftChecks, driftItems } from '../db/schema';
import { newRecordId } from '../ids/new-id';
import { pruneDriftChecks } from './prune-checks';

const unit = unitDatabaseForFile();
const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

async function check(taskId: string, age: number, status: 'DONE' | 'RUNNING' = 'DONE') {
  const id = newRecordId();
  await unit.db.insert(driftChecks).values({ id, taskId, trigger: 'SCHEDULE', status, startedAt: daysAgo(age) });
  await unit.db.insert(driftItems).values({ checkId: id, state: 'MISSING', artifactKind: 'FILE', artifactName: `/f-${id}` });
  return id;
}

const checksOf = async (taskId: string) =>
  (await unit.db.select({ id: driftChecks.id }).from(driftChecks).where(eq(driftChecks.taskId, taskId))).map((row) => row.id).sort();

describe('pruneDriftChecks', () => {
  it("keeps a config's newest ended checks and its running one, drops the rest with their items, and leaves other configs alone", async () => {
    const { config } = await createUnitConfig(unit.db, { name: 'verified', replicaType: 'REAL_TIME', now });
    const { config: other } = await createUnitConfig(unit.db, { name: 'other', replicaType: 'REAL_TIME', now });
    const oldest = await check(config.id, 4);
    const older = await check(config.id, 3);
    const newer = [await check(config.id, 2), await check(config.id, 1)];
    const running = await check(config.id, 10, 'RUNNING');
    const others = [await check(other.id, 5), await check(other.id, 6), await check(other.id, 7)];

    expect(await pruneDriftChecks(unit.db, config.id, 2)).toBe(2);
    expect(await checksOf(config.id)).toEqual([...newer, running].sort());
    expect(await checksOf(other.id)).toEqual([...others].sort());
    const itemChecks = (await unit.db.select({ checkId: driftItems.checkId }).from(driftItems)).map((item) => item.checkId);
    expect(itemChecks).not.toContain(oldest);
    expect(itemChecks).not.toContain(older);
    expect(itemChecks).toContain(newer[0]);
    // Nothing more to prune; a keep below one still keeps the newest.
    expect(await pruneDriftChecks(unit.db, config.id, 2)).toBe(0);
    expect(await pruneDriftChecks(unit.db, config.id, 0)).toBe(1);
    expect(await checksOf(config.id)).toEqual([newer[1], running].sort());
  });
});
