import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { pushImageToFerry } from '../support/artifacts';
import { createConfig, createProjectWithRepo, runsOf } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { type BuiltImage, buildImage } from '../support/oci-images';
import { type RegistryServer, registryTagDigest, startRegistry } from '../support/registry';

let ferry: FerryServer;
let registry: RegistryServer;
let api: ApiClient;
beforeAll(async () => {
  [ferry, registry] = await Promise.all([
    startFerry({ env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200', FERRY_RUNNER_LEASE_SECONDS: '3' } }),
    startRegistry(),
  ]);
  api = apiClient(ferry.url);
});
afterAll(async () => {
  await Promise.all([ferry?.stop(), registry?.stop()]);
});

const dist = '/replication/api/remote/distribution';
// Scheduled far away: the configs below run only when the test says "run now".
const NOT_BEFORE_2099 = { executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: '2099-01-01T00:00:00' } };

/**
 * Pushes `image` as `{imageName}:v1` into a new DOCKER repository and runs, now, a config copying it
 * to `{namespace}` on the registry at `rateLimit` bytes/s, slow enough to interrupt; answers a reader of its latest run.
 */
async function startSlowCopy<Run>(
  imageName: string,
  image: BuiltImage,
  copy: { name: string; namespace: string; rateLimit: number; versions?: string[] },
) {
  const repo = await createProjectWithRepo(api, 'DOCKER');
  await pushImageToFerry(ferry.url, { ...repo, image: imageName, tag: 'v1' }, image);
  const config = await createConfig(api, repo, {
    name: copy.name,
    registry: `http://${registry.host}/${copy.namespace}`,
    replicaType: 'SCHEDULED',
    packageConstraints: [{ packageName: imageName, versions: copy.versions }],
    setting: { rateLimit: copy.rateLimit, ...NOT_BEFORE_2099 },
  });
  dataOf(await api.post(`${dist}/run/${repo.projectId}/${repo.repoName}/${copy.name}`));
  return async () => (await runsOf<Run>(api, config.taskKey))[0];
}

describe('faults', { timeout: 180_000 }, () => {
  it('finishes a 200 MB push after the runner is killed mid-transfer and restarted', async () => {
    const image = buildImage([200 * 1024 * 1024]);
    // A rate limit keeps the transfer long enough to kill it in the middle.
    type Run = { id: string; status: string; progress: { doneBytes: number } };
    const latest = await startSlowCopy<Run>('big', image, {
      name: 'slow_big',
      namespace: 'crash',
      rateLimit: 40 * 1024 * 1024,
      versions: ['v1'],
    });
    await expect
      .poll(async () => (await latest())?.progress.doneBytes ?? 0, { timeout: 20_000, interval: 100 })
      .toBeGreaterThan(40 * 1024 * 1024);
    await ferry.kill();
    await ferry.restart();
    await expect.poll(async () => (await latest())?.status, { timeout: 60_000, interval: 500 }).toBe('SUCCESS');
    expect(await registryTagDigest(registry, 'crash/big', 'v1')).toBe(image.manifest.digest);
    const layer = image.blobs[1];
    const head = await fetch(`${registry.url}/v2/crash/big/blobs/${layer?.digest}`, { method: 'HEAD' });
    expect(Number(head.headers.get('content-length'))).toBe(layer?.size);
  });

  it('rides out a registry that goes down mid-run and comes back', async () => {
    const image = buildImage([30 * 1024 * 1024, 30 * 1024 * 1024]);
    type Run = { status: string; errorReason: string | null; progress: { doneBytes: number } };
    const latest = await startSlowCopy<Run>('flaky', image, { name: 'outage', namespace: 'outage', rateLimit: 20 * 1024 * 1024 });
    await expect
      .poll(async () => (await latest())?.progress.doneBytes ?? 0, { timeout: 20_000, interval: 100 })
      .toBeGreaterThan(5 * 1024 * 1024);
    await registry.stop();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await registry.start();
    await expect.poll(async () => (await latest())?.status, { timeout: 90_000, interval: 500 }).toBe('SUCCESS');
    expect(await registryTagDigest(registry, 'outage/flaky', 'v1')).toBe(image.manifest.digest);
  });

  it('records fire times that come while the previous run is still going as SKIPPED, not stacked', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'DOCKER');
    await pushImageToFerry(ferry.url, { projectId, repoName, image: 'steady', tag: 'v1' }, buildImage([3 * 1024 * 1024]));
    const config = await createConfig(
      api,
      { projectId, repoName },
      {
        name: 'every_second',
        registry: `http://${registry.host}/steady`,
        replicaType: 'SCHEDULED',
        setting: {
          rateLimit: 512 * 1024,
          conflictStrategy: 'OVERWRITE',
          executionStrategy: 'CRON_EXPRESSION',
          executionPlan: { cronExpression: '* * * * * ?' },
        },
      },
    );
    type Run = { status: string; errorReason: string | null };
    const runs = () => runsOf<Run>(api, config.taskKey, 100);
    await expect
      .poll(async () => (await runs()).filter((r) => r.status === 'SKIPPED').length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(3);
    dataOf(await api.post(`${dist}/toggle/status/${projectId}/${repoName}/every_second`));
    const all = await runs();
    expect(all.filter((r) => r.status === 'QUEUED' || r.status === 'RUNNING').length).toBeLessThanOrEqual(1);
    expect(all.find((r) => r.status === 'SKIPPED')?.errorReason).toContain('previous run of this config was still going');
  });
});
