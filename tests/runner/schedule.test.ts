import { describe, expect, it } from 'vitest';
import { dataOf } from '../support/api-client';
import { createConfig, createProjectWithRepo, runsOf as listRuns, runOnceTaskToEnd } from '../support/factories';
import { ferryForFile } from '../support/ferry-for-file';

const ferry = ferryForFile({ env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200' } });

type Execution = {
  id: string;
  status: string;
  trigger: string;
  queuedTime: string;
  errorReason: string | null;
  progress: { totalItems: number; failedItems: number };
};
type Page<T> = { totalRecords: number; records: T[] };
type Config = { taskKey: string; nextFireTime: string | null; lastExecution: { status: string } | null };

const createScheduled = (projectId: string, repoName: string, name: string, setting: Record<string, unknown>, enable = true) =>
  createConfig<Config>(
    ferry.api,
    { projectId, repoName },
    { name, registry: 'http://127.0.0.1:9/ns', replicaType: 'SCHEDULED', setting, enable },
  );

const runsOf = (taskKey: string) => listRuns<Execution>(ferry.api, taskKey, 100);

// Fire times, missed and skipped fires, SPECIFIED_TIME and enabling are unit-tested with an
// injected clock (lib/runner/fire-due-configs.test.ts); this checks the wiring on a real ferry.server.
describe('scheduled configs', () => {
  it('runs a cron config at its fire times, queued at whole seconds', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const config = await createScheduled(projectId, repoName, 'every_second', {
      executionStrategy: 'CRON_EXPRESSION',
      executionPlan: { cronExpression: '* * * * * ?' },
    });
    await expect
      .poll(async () => (await runsOf(config.taskKey)).filter((r) => r.status === 'SUCCESS').length, { timeout: 8000, interval: 200 })
      .toBeGreaterThanOrEqual(2);
    dataOf(await ferry.api.post(`/replication/api/remote/distribution/toggle/status/${projectId}/${repoName}/every_second`));
    const runs = await runsOf(config.taskKey);
    expect(runs.every((r) => r.trigger === 'SCHEDULE')).toBe(true);
    for (const run of runs) expect(run.queuedTime).toMatch(/T\d\d:\d\d:\d\d(\.000)?$/);
  });

  it('runs an IMMEDIATELY config at once, woken by its save rather than by a poll', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const now = await createScheduled(projectId, repoName, 'right_now', { executionStrategy: 'IMMEDIATELY' });
    await expect.poll(async () => (await runsOf(now.taskKey)).map((r) => r.status), { timeout: 5000, interval: 100 }).toEqual(['SUCCESS']);
  });

  it('fails a run-once task for a version that does not exist, saying so per artifact', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    type Status = { id: string; status: string; errorReason: string; progress: { totalItems: number; failedItems: number } };
    const status = await runOnceTaskToEnd<Status>(ferry.api, {
      projectId,
      repoName,
      name: 'ghost_push',
      registry: 'http://127.0.0.1:9/ns',
      packageName: 'nginx',
      versions: ['9.9'],
    });
    expect(status.status).toBe('FAILED');
    expect(status.errorReason).toContain('nginx:9.9 does not exist');
    expect(status.progress).toMatchObject({ totalItems: 1, failedItems: 1 });
    const details = dataOf(
      await ferry.api.get<Page<{ artifactName: string; version: string; status: string }>>(
        `/replication/api/execution/details/${status.id}?status=FAILED`,
      ),
    );
    expect(details.records).toEqual([expect.objectContaining({ artifactName: 'nginx', version: '9.9', status: 'FAILED' })]);
  });
});
