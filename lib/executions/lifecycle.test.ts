import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUnitConfig, unitDatabaseForFile } from '../../tests/support/unit-database';
import { executionDetails, executions } from '../db/schema';
import { metrics } from '../observability/metrics';
import { cancelExecution } from './cancel-execution';
import { finishIfDrained } from './finish-execution';
import { claimNextExecution, releaseExecutions, renewLease } from './lease';
import { createRunProgress, recordArtifactOutcome, startArtifact } from './progress';
import { getExecutionOrThrow } from './queries';
import { queueExecution } from './queue-execution';
import { retryFailedArtifacts } from './retry-failed';

// The run lifecycle on a real (PGlite) database; lease expiry is reached by moving `now`.

const unit = unitDatabaseForFile();

const t0 = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const LEASE = 3000;

async function newConfig(name: string) {
  return (await createUnitConfig(unit.db, { name, replicaType: 'REAL_TIME', now: t0 })).config;
}

const image = (tag: string, size = 100) => ({ artifactKind: 'IMAGE' as const, artifactName: 'app', version: tag, size, digest: null });
const takeoverCount = async () => (await metrics().leaseTakeovers.get()).values[0]?.value ?? 0;
const detailsOf = (executionId: string) => unit.db.select().from(executionDetails).where(eq(executionDetails.executionId, executionId));

/** A run of a new real-time config with one artifact per tag, claimed by 'a' and RUNNING, and its artifact rows. */
async function runningRunOf(name: string, tags: string[]) {
  const task = await newConfig(name);
  let executionId = '';
  for (const tag of tags) ({ executionId } = await queueExecution(unit.db, { trigger: 'REAL_TIME', task, now: t0, artifact: image(tag) }));
  await claim(executionId, 'a', at(100));
  return { executionId, details: await detailsOf(executionId) };
}

/** Claims until this run is claimed (other tests' runs are finished on the way) and returns it. */
async function claim(executionId: string, owner: string, now: Date) {
  const run = await claimNextExecution(unit.db, owner, LEASE, now);
  expect(run?.id).toBe(executionId);
  return run;
}

describe('queueExecution', () => {
  it('answers 250303 to a manual run while one is queued, whatever the trigger of the first', async () => {
    const task = await newConfig('manual_twice');
    const first = await queueExecution(unit.db, { trigger: 'MANUAL', task, now: t0 });
    expect(first.outcome).toBe('QUEUED');
    await expect(queueExecution(unit.db, { trigger: 'MANUAL', task, now: at(1) })).rejects.toMatchObject({ code: 250303 });
    await cancelExecution(unit.db, first.executionId, 'admin', at(2));
    const second = await queueExecution(unit.db, { trigger: 'MANUAL', task, now: at(3) });
    expect(second.outcome).toBe('QUEUED');
    await expect(queueExecution(unit.db, { trigger: 'RETRY', task, now: at(4), artifacts: [image('1')] })).rejects.toMatchObject({
      code: 250303,
    });
    await cancelExecution(unit.db, second.executionId, 'admin', at(5));
  });

  it('appends real-time artifacts to the active run, counting them in its totals', async () => {
    const task = await newConfig('live');
    const first = await queueExecution(unit.db, { trigger: 'REAL_TIME', task, now: t0, artifact: image('1', 100) });
    const second = await queueExecution(unit.db, { trigger: 'REAL_TIME', task, now: at(1), artifact: image('2', 50) });
    expect(first.outcome).toBe('QUEUED');
    expect(second).toEqual({ executionId: first.executionId, outcome: 'APPENDED' });
    const run = await getExecutionOrThrow(unit.db, first.executionId);
    expect(run).toMatchObject({ trigger: 'REAL_TIME', totalItems: 2, totalBytes: 150, status: 'QUEUED' });
    expect((await detailsOf(first.executionId)).map((d) => `${d.version} ${d.status}`).sort()).toEqual(['1 PENDING', '2 PENDING']);
    await cancelExecution(unit.db, first.executionId, 'admin', at(2));
  });

  it('records a schedule fire that finds an active run as SKIPPED at its fire time', async () => {
    const task = await newConfig('scheduled');
    const manual = await queueExecution(unit.db, { trigger: 'MANUAL', task, now: t0 });
    const fire = await queueExecution(unit.db, { trigger: 'SCHEDULE', task, now: at(500), firedAt: at(400) });
    expect(fire.outcome).toBe('SKIPPED');
    const skipped = await getExecutionOrThrow(unit.db, fire.executionId);
    expect(skipped).toMatchObject({ status: 'SKIPPED', trigger: 'SCHEDULE', queuedAt: at(400), endTime: at(500) });
    await cancelExecution(unit.db, manual.executionId, 'admin', at(600));
  });

  it('wakes the runners through NOTIFY when the queueing transaction commits, not before', async () => {
    const task = await newConfig('wakes');
    const heard: string[] = [];
    const { PGlite } = await import('@electric-sql/pglite');
    // The drizzle handle wraps the PGlite client; listen on it as the runner's start-up does.
    const client = (unit.db as unknown as { $client: InstanceType<typeof PGlite> }).$client;
    const unlisten = await client.listen('ferry_runner_wake', (payload) => heard.push(payload));
    let insideTransaction = -1;
    const queued = await unit.db.transaction(async (tx) => {
      const result = await queueExecution(tx, { trigger: 'MANUAL', task, now: t0 });
      insideTransaction = heard.length;
      return result;
    });
    expect(insideTransaction).toBe(0);
    expect(heard).toContain('executions');
    await unlisten();
    await cancelExecution(unit.db, queued.executionId, 'admin', at(1));
  });
});

describe('claims and leases', () => {
  it('lets one owner claim a queued run, renews its lease, and hands it to another only after the lease expires', async () => {
    const task = await newConfig('leased');
    const { executionId } = await queueExecution(unit.db, { trigger: 'REAL_TIME', task, now: t0, artifact: image('1') });
    const run = await claim(executionId, 'a', at(100));
    expect(run).toMatchObject({ status: 'RUNNING', leaseOwner: 'a', leaseExpiresAt: at(100 + LEASE), startTime: at(100) });
    const [detail] = await detailsOf(executionId);
    if (!detail) throw new Error('no detail');
    await startArtifact(unit.db, detail.id, at(200));

    expect(await claimNextExecution(unit.db, 'b', LEASE, at(100 + LEASE - 1))).toBeNull();
    expect(await renewLease(unit.db, executionId, 'a', LEASE, at(2000))).toBe(true);
    expect(await claimNextExecution(unit.db, 'b', LEASE, at(2000 + LEASE - 1))).toBeNull();

    // Owner a died: after its lease, b takes over and the artifact a was copying starts again.
    const takeovers = await takeoverCount();
    const taken = await claim(executionId, 'b', at(2000 + LEASE + 1));
    expect((await takeoverCount()) - takeovers).toBe(1);
    expect(taken).toMatchObject({ leaseOwner: 'b', startTime: at(100) });
    expect((await detailsOf(executionId)).map((d) => d.status)).toEqual(['PENDING']);
    expect(await renewLease(unit.db, executionId, 'a', LEASE, at(6000))).toBe(false);

    await cancelExecution(unit.db, executionId, 'admin', at(6100));
    expect(await renewLease(unit.db, executionId, 'b', LEASE, at(6200))).toBe(false);
  });

  it('hands runs back at once on a graceful stop', async () => {
    const task = await newConfig('released');
    const { executionId } = await queueExecution(unit.db, { trigger: 'MANUAL', task, now: t0 });
    await claim(executionId, 'a', at(100));
    await releaseExecutions(unit.db, [executionId], 'b');
    expect((await getExecutionOrThrow(unit.db, executionId)).status).toBe('RUNNING');
    await releaseExecutions(unit.db, [executionId], 'a');
    expect(await getExecutionOrThrow(unit.db, executionId)).toMatchObject({ status: 'QUEUED', leaseOwner: null });
    // A run handed back is claimed again as queued: no takeover.
    const takeovers = await takeoverCount();
    await claim(executionId, 'b', at(200));
    expect(await takeoverCount()).toBe(takeovers);
    await cancelExecution(unit.db, executionId, 'admin', at(300));
  });
  it('puts the artifacts a graceful stop interrupted back to PENDING with the run, keeping finished ones', async () => {
    const { executionId, details } = await runningRunOf('interrupted', ['done', 'cut', 'copying']);
    const [done, cut, copying] = details;
    if (!done || !cut || !copying) throw new Error('three details expected');
    for (const detail of details) await startArtifact(unit.db, detail.id, at(200));
    await recordArtifactOutcome(unit.db, {
      executionId,
      detailId: done.id,
      outcome: { status: 'SUCCESS', conflict: false, bytesSent: 100, errorReason: null },
      now: at(300),
    });
    // The stop aborted `cut`'s transfer (its row says CANCELLED); `copying` had not written its end yet.
    const progress = createRunProgress(unit.db, executionId);
    await progress.cancel(cut.id, at(300), null);
    await releaseExecutions(unit.db, [executionId], 'a');
    const statuses = Object.fromEntries((await detailsOf(executionId)).map((d) => [d.version, `${d.status} ${d.bytesDone}`]));
    expect(statuses).toEqual({ done: 'SUCCESS 100', cut: 'PENDING 0', copying: 'PENDING 0' });
    await claim(executionId, 'b', at(400));
    await cancelExecution(unit.db, executionId, 'admin', at(500));
  });
});

describe('outcomes, finish and retry', () => {
  it('finishes a drained run FAILED with the first failure, and retries only the failed artifacts', async () => {
    const { executionId, details } = await runningRunOf('mixed', ['ok', 'bad']);
    for (const detail of details) {
      await startArtifact(unit.db, detail.id, at(200));
      const failed = detail.version === 'bad';
      await recordArtifactOutcome(unit.db, {
        executionId,
        detailId: detail.id,
        outcome: failed
          ? { status: 'FAILED', conflict: false, bytesSent: 0, errorReason: '503 from registry' }
          : { status: 'SUCCESS', conflict: false, bytesSent: 100, errorReason: null },
        now: at(300),
      });
    }
    expect(await finishIfDrained(unit.db, executionId, at(400))).toBe(true);
    const finished = await getExecutionOrThrow(unit.db, executionId);
    expect(finished).toMatchObject({ status: 'FAILED', doneItems: 1, failedItems: 1, leaseOwner: null, endTime: at(400) });
    expect(finished.errorReason).toBe('1 artifact(s) failed; first: app:bad: 503 from registry');

    const retry = await retryFailedArtifacts(unit.db, executionId, at(500));
    expect(await getExecutionOrThrow(unit.db, retry.id)).toMatchObject({ trigger: 'RETRY', status: 'QUEUED', totalItems: 1 });
    expect((await detailsOf(retry.id)).map((d) => `${d.version} ${d.status}`)).toEqual(['bad PENDING']);
    await expect(retryFailedArtifacts(unit.db, retry.id, at(600))).rejects.toMatchObject({ code: 250303 });
    await cancelExecution(unit.db, retry.id, 'admin', at(700));
  });

  it('does not finish a run while an appended artifact is pending', async () => {
    const task = await newConfig('appended');
    const { executionId } = await queueExecution(unit.db, { trigger: 'REAL_TIME', task, now: t0, artifact: image('1') });
    await claim(executionId, 'a', at(100));
    expect(await finishIfDrained(unit.db, executionId, at(200))).toBe(false);
    expect((await unit.db.select().from(executions).where(eq(executions.id, executionId)))[0]?.status).toBe('RUNNING');
    await cancelExecution(unit.db, executionId, 'admin', at(300));
    expect(await finishIfDrained(unit.db, executionId, at(400))).toBe(true);
  });
});

describe('run progress', () => {
  it('writes a flush still in flight when an artifact ends before its final row, and keeps its bytes when the run ends at once', async () => {
    const { executionId, details } = await runningRunOf('ordered', ['1', '2']);
    const [one, two] = details;
    if (!one || !two) throw new Error('no details');
    const progress = createRunProgress(unit.db, executionId);
    await progress.start(one.id, at(200));
    await progress.start(two.id, at(200));
    progress.add(one.id, 60);
    progress.add(two.id, 30);
    // The half-second flush starts; both artifacts end and the run finishes before it is written.
    const lateFlush = progress.flush();
    progress.add(one.id, 40);
    const firstEnd = progress.finish(one.id, { status: 'SUCCESS', conflict: false, bytesSent: 100, errorReason: null }, at(300));
    progress.add(two.id, 70);
    await progress.finish(two.id, { status: 'SUCCESS', conflict: false, bytesSent: 100, errorReason: null }, at(300));
    expect(await progress.flush()).toBe(true);
    expect(await finishIfDrained(unit.db, executionId, at(400))).toBe(true);
    expect(await lateFlush).toBe(true);
    await firstEnd;

    expect((await detailsOf(executionId)).map((d) => `${d.status} ${d.bytesDone}`)).toEqual(['SUCCESS 100', 'SUCCESS 100']);
    expect(await getExecutionOrThrow(unit.db, executionId)).toMatchObject({ status: 'SUCCESS', doneItems: 2, doneBytes: 200 });
  });
});
