import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, dataOf } from '../support/api-client';
import { pushImageToFerry } from '../support/artifacts';
import { createConfig, createProjectWithRepo, runsOf } from '../support/factories';
import { ferryForFile } from '../support/ferry-for-file';
import { uniqueName } from '../support/harness';
import { buildImage } from '../support/oci-images';
import { type RegistryServer, startRegistry } from '../support/registry';

// The durations the cron preview weighs a schedule against: from real runs, slowed by the rate limit.
const ferry = ferryForFile({ env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200' } });
let registry: RegistryServer;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry?.stop());

type Durations = { finishedRuns: number; p95Seconds: number | null; medianSeconds: number | null };
const durationsOf = (taskKey: string) => ferry.api.get<Durations>(`/replication/api/execution/durations/${encodeURIComponent(taskKey)}`);

describe('run durations', () => {
  it("reports the p95 of a config's finished runs, and nothing for a config that never ran", async () => {
    const { api } = ferry;
    const repo = await createProjectWithRepo(api, 'DOCKER');
    await pushImageToFerry(ferry.server.url, { ...repo, image: 'slow', tag: '1' }, buildImage([250_000]));
    const idle = await createConfig(api, repo, {
      name: 'idle',
      registry: `http://${registry.host}/idle`,
      replicaType: 'SCHEDULED',
      setting: { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '0 0 2 1 1 ? 2099' } },
    });
    expect(dataOf(await durationsOf(idle.taskKey))).toEqual({ finishedRuns: 0, p95Seconds: null, medianSeconds: null });

    // 250 KB at 100 KB/s: a run of about 2.5 s.
    const slow = await createConfig(api, repo, {
      name: 'slow',
      registry: `http://${registry.host}/${uniqueName('ns')}`,
      replicaType: 'SCHEDULED',
      setting: { rateLimit: 100_000 },
    });
    await expect.poll(async () => (await runsOf<{ status: string }>(api, slow.taskKey))[0]?.status, { timeout: 30_000 }).toBe('SUCCESS');
    const durations = dataOf(await durationsOf(slow.taskKey));
    expect(durations.finishedRuns).toBe(1);
    expect(durations.p95Seconds).toBeGreaterThan(1.5);
    expect(durations.p95Seconds).toBeLessThan(20);
    expect(durations.medianSeconds).toBe(durations.p95Seconds);
  });

  it('refuses hostile keys, other methods, and readers outside the project', async () => {
    const { api } = ferry;
    // Administrators read the history of deleted configs too: an unknown key has no runs.
    expect(dataOf(await durationsOf('no-such-key'))).toEqual({ finishedRuns: 0, p95Seconds: null, medianSeconds: null });
    const nul = await durationsOf('a\u0000b');
    expect([nul.status, nul.body.code]).toEqual([400, 250105]);
    expect(nul.body.message).toContain('[taskKey]');
    const huge = await durationsOf('k'.repeat(5000));
    expect([huge.status, huge.body.code]).toEqual([400, 250105]);
    expect(huge.body.message).toContain('[taskKey] is invalid: must be at most 128 characters');
    const post = await api.post('/replication/api/execution/durations/x', {});
    expect(post.status).toBe(405);
    expect((await api.get('/replication/api/execution/durations')).status).toBe(404);

    const repo = await createProjectWithRepo(api, 'DOCKER');
    const config = await createConfig(api, repo, {
      name: 'private',
      registry: `http://${registry.host}/p`,
      replicaType: 'REAL_TIME',
      setting: {},
    });
    const stranger = { username: uniqueName('stranger'), password: 'stranger-password-1' };
    dataOf(
      await api.post('/repository/api/user/create', { userId: stranger.username, name: stranger.username, password: stranger.password }),
    );
    const strangerApi = apiClient(ferry.server.url, stranger);
    const refused = await strangerApi.get(`/replication/api/execution/durations/${config.taskKey}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).not.toBe(0);
    // The same refusal as the config's run list gives them.
    const list = await strangerApi.get(`/replication/api/execution/list/${config.taskKey}`);
    expect([refused.status, refused.body.code, refused.body.message]).toEqual([list.status, list.body.code, list.body.message]);
  });
});
