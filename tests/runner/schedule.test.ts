import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';

let server: FerryServer;
let api: ApiClient;
beforeAll(async () => {
  server = await startFerry({ env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200' } });
  api = apiClient(server.url);
});
afterAll(() => server?.stop());

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

async function createScheduled(projectId: string, repoName: string, name: string, setting: Record<string, unknown>, enable = true) {
  dataOf(
    await api.post(`/replication/api/remote/distribution/create/${projectId}/${repoName}`, {
      configs: [{ name, registry: 'http://127.0.0.1:9/ns', replicaType: 'SCHEDULED', setting, enable }],
    }),
  );
  const [config] = dataOf(await api.get<Config[]>(`/replication/api/remote/distribution/info/${projectId}/${repoName}/${name}`));
  if (!config) throw new Error('config missing');
  return config;
}

const runsOf = async (taskKey: string) =>
  dataOf(await api.get<Page<Execution>>(`/replication/api/execution/list/${taskKey}?pageSize=100`)).records;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scheduled configs', () => {
  it('runs a cron config at every fire time (every 2 seconds)', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api);
    const config = await createScheduled(projectId, repoName, 'every_two', {
      executionStrategy: 'CRON_EXPRESSION',
      executionPlan: { cronExpression: '*/2 * * * * ?' },
    });
    await sleep(7000);
    const runs = await runsOf(config.taskKey);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(4);
    expect(runs.every((r) => r.trigger === 'SCHEDULE')).toBe(true);
    expect(runs.filter((r) => r.status === 'SUCCESS').length).toBeGreaterThanOrEqual(2);
    // Fire times are whole even seconds in the server zone.
    for (const run of runs) expect(Number(run.queuedTime.slice(17, 19)) % 2).toBe(0);
  });

  it('runs a SPECIFIED_TIME config once, at its time', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api);
    const at = new Date(Date.now() + 2500);
    const config = await createScheduled(projectId, repoName, 'once_later', {
      executionStrategy: 'SPECIFIED_TIME',
      executionPlan: { executeImmediately: false, executeTime: at.toISOString() },
    });
    expect(await runsOf(config.taskKey)).toEqual([]);
    await expect.poll(async () => (await runsOf(config.taskKey)).length, { timeout: 8000 }).toBe(1);
    await sleep(1500);
    const runs = await runsOf(config.taskKey);
    expect(runs).toHaveLength(1);
    expect(new Date(`${runs[0]?.queuedTime}+08:00`).getTime()).toBeGreaterThanOrEqual(at.getTime() - 1);
    const [after] = dataOf(await api.get<Config[]>(`/replication/api/remote/distribution/info/${projectId}/${repoName}/once_later`));
    expect(after?.nextFireTime).toBeNull();
  });

  it('runs an IMMEDIATELY config at once, and never a disabled one', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api);
    const now = await createScheduled(projectId, repoName, 'right_now', { executionStrategy: 'IMMEDIATELY' });
    const off = await createScheduled(
      projectId,
      repoName,
      'switched_off',
      { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '* * * * * ?' } },
      false,
    );
    await expect.poll(async () => (await runsOf(now.taskKey)).map((r) => r.status), { timeout: 5000 }).toEqual(['SUCCESS']);
    await sleep(2500);
    expect(await runsOf(off.taskKey)).toEqual([]);
  });

  it('fails a run-once task for a version that does not exist, saying so per artifact', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api);
    const base = `/replication/api/remote/distribution`;
    dataOf(
      await api.post(`${base}/create/runOnceTask/${projectId}/${repoName}`, {
        name: 'ghost_push',
        registry: 'http://127.0.0.1:9/ns',
        packageName: 'nginx',
        versions: ['9.9'],
      }),
    );
    dataOf(await api.post(`${base}/execute/runOnceTask/${projectId}/${repoName}?name=ghost_push`));
    await expect
      .poll(
        async () =>
          dataOf(await api.get<{ status: string }>(`${base}/get/runOnceTaskStatus/${projectId}/${repoName}?name=ghost_push`)).status,
        { timeout: 5000 },
      )
      .toBe('FAILED');
    const status = dataOf(
      await api.get<{ id: string; errorReason: string; progress: { totalItems: number; failedItems: number } }>(
        `${base}/get/runOnceTaskStatus/${projectId}/${repoName}?name=ghost_push`,
      ),
    );
    expect(status.errorReason).toContain('nginx:9.9 does not exist');
    expect(status.progress).toMatchObject({ totalItems: 1, failedItems: 1 });
    const details = dataOf(
      await api.get<Page<{ artifactName: string; version: string; status: string }>>(
        `/replication/api/execution/details/${status.id}?status=FAILED`,
      ),
    );
    expect(details.records).toEqual([expect.objectContaining({ artifactName: 'nginx', version: '9.9', status: 'FAILED' })]);
  });
});
