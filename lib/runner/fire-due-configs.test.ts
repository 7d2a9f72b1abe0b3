import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createUnitConfig, unitDatabaseForFile } from '../../tests/support/unit-database';
import { executions, replicaTasks } from '../db/schema';
import { getConfigOrThrow } from '../distribution/queries';
import { toggleDistributionConfig } from '../distribution/toggle-config';
import { cancelActiveExecutions } from '../executions/cancel-execution';
import { finishIfDrained } from '../executions/finish-execution';
import { claimNextExecution } from '../executions/lease';
import { fireDueConfigs } from './fire-due-configs';

// The scheduler on a real (PGlite) database with the clock in the test's hand: fire times are
// reached by setting `now`, never by waiting.

const unit = unitDatabaseForFile();

// Each test leaves no enabled schedule and no active run behind, so the next one sees only its own.
const created: Array<{ projectName: string; repoName: string; name: string; taskKey: string }> = [];
afterEach(async () => {
  for (const config of created.splice(0)) {
    const task = await getConfigOrThrow(unit.db, config);
    if (task.enabled) await toggleDistributionConfig(unit.db, { ...config, actor: 'admin', now: t0 });
    await cancelActiveExecutions(unit.db, { taskKey: config.taskKey, reason: 'test over', now: t0 });
  }
});

// Half a second past an even second, an hour ahead (SPECIFIED_TIME must be in the future on save).
const t0 = new Date(Math.floor(Date.now() / 2000) * 2000 + 3_600_000 + 500);
const at = (ms: number) => new Date(t0.getTime() + ms);

async function createScheduled(name: string, setting: Record<string, unknown>, options: { now: Date; enable?: boolean }) {
  const { repo, config } = await createUnitConfig(unit.db, { name, replicaType: 'SCHEDULED', setting, ...options });
  created.push({ ...repo, name, taskKey: config.taskKey });
  return { repo, config };
}

const runsOf = (taskKey: string) =>
  unit.db.select().from(executions).where(eq(executions.taskKey, taskKey)).orderBy(asc(executions.queuedAt));
const nextFireOf = async (taskKey: string) =>
  (await unit.db.select({ next: replicaTasks.nextFireAt }).from(replicaTasks).where(eq(replicaTasks.taskKey, taskKey)))[0]?.next ?? null;

/** What the runner does with a run that has nothing to copy: claim it and finish it. */
async function runQueued(now: Date) {
  for (
    let run = await claimNextExecution(unit.db, 'test-runner', 30_000, now);
    run;
    run = await claimNextExecution(unit.db, 'test-runner', 30_000, now)
  ) {
    await finishIfDrained(unit.db, run.id, now);
  }
}

describe('fireDueConfigs', () => {
  it('runs a cron config at every fire time, queued at the fire time', async () => {
    const { config } = await createScheduled(
      'every_two',
      { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '*/2 * * * * ?' } },
      { now: t0 },
    );
    for (let ms = 0; ms <= 7000; ms += 250) {
      await fireDueConfigs(unit.db, at(ms));
      await runQueued(at(ms));
    }
    const runs = await runsOf(config.taskKey);
    const firstFire = t0.getTime() + 1500;
    expect(runs.map((r) => r.queuedAt.getTime())).toEqual([firstFire, firstFire + 2000, firstFire + 4000]);
    expect(runs.map((r) => `${r.trigger} ${r.status}`)).toEqual(['SCHEDULE SUCCESS', 'SCHEDULE SUCCESS', 'SCHEDULE SUCCESS']);
    expect(await nextFireOf(config.taskKey)).toEqual(new Date(firstFire + 6000));
  });

  it('collapses the fire times missed while no runner ran into one run, and plans the next from now', async () => {
    const { config } = await createScheduled(
      'every_second',
      { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '* * * * * ?' } },
      { now: t0 },
    );
    expect(await fireDueConfigs(unit.db, at(10_000))).toBe(1);
    const runs = await runsOf(config.taskKey);
    expect(runs.map((r) => r.queuedAt)).toEqual([at(500)]);
    expect(await nextFireOf(config.taskKey)).toEqual(at(10_500));
  });

  it('records fire times that come while the previous run is still going as SKIPPED, not stacked', async () => {
    const { config } = await createScheduled(
      'slow_every_second',
      { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '* * * * * ?' } },
      { now: t0 },
    );
    await fireDueConfigs(unit.db, at(500));
    const running = await claimNextExecution(unit.db, 'test-runner', 30_000, at(600));
    expect(running?.taskKey).toBe(config.taskKey);
    await fireDueConfigs(unit.db, at(1500));
    await fireDueConfigs(unit.db, at(2500));
    const runs = await runsOf(config.taskKey);
    expect(runs.map((r) => r.status)).toEqual(['RUNNING', 'SKIPPED', 'SKIPPED']);
    expect(runs[1]?.errorReason).toContain('previous run of this config was still going');
    expect(runs[1]?.queuedAt).toEqual(at(1500));
  });

  it('runs a SPECIFIED_TIME config once, at its time', async () => {
    const executeTime = at(2500);
    const { config } = await createScheduled(
      'once_later',
      { executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeImmediately: false, executeTime: executeTime.toISOString() } },
      { now: t0 },
    );
    expect(await fireDueConfigs(unit.db, at(2499))).toBe(0);
    expect(await fireDueConfigs(unit.db, at(2500))).toBe(1);
    await runQueued(at(2600));
    expect(await fireDueConfigs(unit.db, at(60_000))).toBe(0);
    const runs = await runsOf(config.taskKey);
    expect(runs.map((r) => r.queuedAt)).toEqual([executeTime]);
    expect(await nextFireOf(config.taskKey)).toBeNull();
  });

  it('runs an IMMEDIATELY config once, never a disabled one, and re-plans a config when it is enabled', async () => {
    const { config: now } = await createScheduled('right_now', { executionStrategy: 'IMMEDIATELY' }, { now: t0 });
    const { repo, config: off } = await createScheduled(
      'switched_off',
      { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '* * * * * ?' } },
      { now: t0, enable: false },
    );
    for (let ms = 0; ms <= 3000; ms += 500) {
      await fireDueConfigs(unit.db, at(ms));
      await runQueued(at(ms));
    }
    expect((await runsOf(now.taskKey)).map((r) => `${r.queuedAt.getTime() - t0.getTime()} ${r.status}`)).toEqual(['0 SUCCESS']);
    expect(await runsOf(off.taskKey)).toEqual([]);

    await toggleDistributionConfig(unit.db, { ...repo, name: 'switched_off', actor: 'admin', now: at(3000) });
    expect(await nextFireOf(off.taskKey)).toEqual(at(3500));
    await fireDueConfigs(unit.db, at(3500));
    expect((await runsOf(off.taskKey)).map((r) => r.queuedAt)).toEqual([at(3500)]);
  });

  it('starts a fire time once when two runners fire it at the same moment', async () => {
    const { config } = await createScheduled(
      'contended',
      { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '* * * * * ?' } },
      { now: t0 },
    );
    const fired = await Promise.all([fireDueConfigs(unit.db, at(500)), fireDueConfigs(unit.db, at(500)), fireDueConfigs(unit.db, at(500))]);
    expect(fired.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(await runsOf(config.taskKey)).toHaveLength(1);
  });
});
