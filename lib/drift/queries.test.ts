import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUnitConfig, unitDatabaseForFile } from '../../tests/support/unit-database';
import { driftChecks, replicaTasks } from '../db/schema';
import { updateDistributionConfigSchema } from '../distribution/schemas';
import { updateDistributionConfig } from '../distribution/update-config';
import { beginDriftCheck, claimDueDriftChecks, finishDriftCheck } from './queries';

// One check at a time per config, and the schedule's claim, on a real (PGlite) database with the
// clock in the test's hand.
const unit = unitDatabaseForFile();
// On a five-minute boundary, an hour ahead: the "every 5 minutes" cron next fires exactly 5 minutes later.
const t0 = new Date(Math.floor(Date.now() / 300_000) * 300_000 + 3_600_000);
const at = (ms: number) => new Date(t0.getTime() + ms);
const noCounts = { inSync: 0, missing: 0, different: 0, extra: 0 };

const checksOf = (taskId: string) => unit.db.select().from(driftChecks).where(eq(driftChecks.taskId, taskId));

describe('beginDriftCheck', () => {
  it('refuses a second check while one runs, and allows one after it ended', async () => {
    const { config } = await createUnitConfig(unit.db, { name: 'one_at_a_time', replicaType: 'REAL_TIME', now: t0 });
    const first = await beginDriftCheck(unit.db, { task: config, trigger: 'MANUAL', now: t0, staleBefore: at(-60_000) });
    expect(first).toMatch(/^[0-9a-f]{24}$/);
    expect(await beginDriftCheck(unit.db, { task: config, trigger: 'MANUAL', now: at(1000), staleBefore: at(-59_000) })).toBeNull();
    await finishDriftCheck(unit.db, {
      checkId: first ?? '',
      status: 'DONE',
      counts: noCounts,
      items: [],
      errorReason: null,
      now: at(2000),
    });
    expect(await beginDriftCheck(unit.db, { task: config, trigger: 'MANUAL', now: at(3000), staleBefore: at(-57_000) })).not.toBeNull();
  });

  it('closes a check left running past the stale time as FAILED and starts a new one', async () => {
    const { config } = await createUnitConfig(unit.db, { name: 'left_behind', replicaType: 'REAL_TIME', now: t0 });
    const abandoned = await beginDriftCheck(unit.db, { task: config, trigger: 'SCHEDULE', now: t0, staleBefore: at(-60_000) });
    const next = await beginDriftCheck(unit.db, { task: config, trigger: 'MANUAL', now: at(120_000), staleBefore: at(1) });
    expect(next).not.toBeNull();
    const old = (await checksOf(config.id)).find((check) => check.id === abandoned);
    expect(old).toMatchObject({ status: 'FAILED', errorReason: expect.stringContaining('abandoned') });
  });
});

describe('claimDueDriftChecks', () => {
  it('claims a due verifyCron once, advancing verify_next_at in the same transaction', async () => {
    const { repo, config } = await createUnitConfig(unit.db, { name: 'verify_cron', replicaType: 'REAL_TIME', now: t0 });
    await updateDistributionConfig(unit.db, {
      ...repo,
      name: 'verify_cron',
      body: updateDistributionConfigSchema.parse({ verifyCron: '0 */5 * * * ?' }),
      actor: 'admin',
      now: t0,
    });
    const [stored] = await unit.db.select().from(replicaTasks).where(eq(replicaTasks.id, config.id));
    expect(stored?.verifyNextAt?.getTime()).toBe(at(5 * 60_000).getTime());
    expect(await claimDueDriftChecks(unit.db, { now: at(60_000), staleBefore: t0, limit: 10 })).toEqual([]);
    const due = at(5 * 60_000 + 10);
    const [a, b] = await Promise.all([
      claimDueDriftChecks(unit.db, { now: due, staleBefore: t0, limit: 10 }),
      claimDueDriftChecks(unit.db, { now: due, staleBefore: t0, limit: 10 }),
    ]);
    const mine = [...(a ?? []), ...(b ?? [])].filter((claim) => claim.task.id === config.id);
    expect(mine).toHaveLength(1);
    const [after] = await unit.db.select().from(replicaTasks).where(eq(replicaTasks.id, config.id));
    expect(after?.verifyNextAt?.getTime()).toBe(at(10 * 60_000).getTime());
    expect((await checksOf(config.id)).map((check) => [check.trigger, check.status])).toEqual([['SCHEDULE', 'RUNNING']]);
  });

  it('stops the schedule when verifyCron is cleared with an empty text', async () => {
    const { repo, config } = await createUnitConfig(unit.db, { name: 'verify_off', replicaType: 'REAL_TIME', now: t0 });
    const update = (verifyCron: string) =>
      updateDistributionConfig(unit.db, {
        ...repo,
        name: 'verify_off',
        body: updateDistributionConfigSchema.parse({ verifyCron }),
        actor: 'admin',
        now: t0,
      });
    await update('0 0 * * * ?');
    await update('');
    const [stored] = await unit.db.select().from(replicaTasks).where(eq(replicaTasks.id, config.id));
    expect(stored).toMatchObject({ verifyCron: null, verifyNextAt: null });
  });
});
