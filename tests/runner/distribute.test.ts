import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { downloadFile, pushImageToFerry, uploadFile } from '../support/artifacts';
import { ensureSkopeo } from '../support/ensure-skopeo';
import { createClusterNode, createImageRepo, createProjectWithRepo, runOnceTaskToEnd } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { buildImage, buildIndex } from '../support/oci-images';
import { type RegistryServer, registryTagDigest, startRegistry } from '../support/registry';

const PEER_PASSWORD = 'peer-admin-password';
const registryCreds = { username: 'robot', password: 'robot-secret-5' };
let ferry: FerryServer;
let peer: FerryServer;
let registry: RegistryServer;
let lockedRegistry: RegistryServer;
let api: ApiClient;
let peerApi: ApiClient;

beforeAll(async () => {
  // One test reads the pushed image back with skopeo.
  await ensureSkopeo();
  [ferry, peer, registry, lockedRegistry] = await Promise.all([
    startFerry({ env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200' } }),
    startFerry({ env: { FERRY_ADMIN_PASSWORD: PEER_PASSWORD } }),
    startRegistry(),
    startRegistry({ htpasswd: registryCreds }),
  ]);
  api = apiClient(ferry.url);
  peerApi = apiClient(peer.url, { username: 'admin', password: PEER_PASSWORD });
});
afterAll(async () => {
  await Promise.all([ferry?.stop(), peer?.stop(), registry?.stop(), lockedRegistry?.stop()]);
});

const dist = '/replication/api/remote/distribution';
type Status = { id: string; status: string; errorReason: string | null; progress: Record<string, number> };
type Detail = {
  artifactName: string;
  version: string | null;
  status: string;
  conflict: boolean;
  bytesDone: number;
  errorReason: string | null;
};
type Page<T> = { totalRecords: number; records: T[] };

const runOnceToEnd = (projectId: string, repoName: string, body: { name: string } & Record<string, unknown>) =>
  runOnceTaskToEnd<Status>(api, { projectId, repoName, ...body });

const detailsOf = async (executionId: string, status?: string) =>
  dataOf(await api.get<Page<Detail>>(`/replication/api/execution/details/${executionId}${status ? `?status=${status}` : ''}`)).records;

async function createConfig(projectId: string, repoName: string, config: Record<string, unknown>) {
  dataOf(await api.post(`${dist}/create/${projectId}/${repoName}`, { configs: [{ setting: {}, ...config }] }));
  const [info] = dataOf(await api.get<Array<{ taskKey: string }>>(`${dist}/info/${projectId}/${repoName}/${config.name}`));
  if (!info) throw new Error('config not stored');
  return info;
}

async function lastRun(taskKey: string): Promise<Status & { trigger: string }> {
  const page = dataOf(await api.get<Page<Status & { trigger: string }>>(`/replication/api/execution/list/${taskKey}`));
  const [latest] = page.records;
  if (!latest) throw new Error('no run yet');
  return latest;
}

async function runConfigToEnd(projectId: string, repoName: string, name: string, taskKey: string) {
  dataOf(await api.post(`${dist}/run/${projectId}/${repoName}/${name}`));
  await expect
    .poll(async () => (await lastRun(taskKey).catch(() => ({ status: 'QUEUED' }))).status, { timeout: 30_000 })
    .toMatch(/SUCCESS|FAILED/);
  return lastRun(taskKey);
}

describe('heterogeneous: images to docker-registry', () => {
  it('pushes a run-once package version under its target tags, readable with skopeo', async () => {
    const image = buildImage([400_000, 100_000]);
    const { projectId, repoName } = await createImageRepo(api, ferry.url, { name: 'nginx', tag: '1.1' }, image);
    const status = await runOnceToEnd(projectId, repoName, {
      name: 'to_registry',
      registry: `http://${registry.host}/mirror`,
      packageName: 'nginx',
      versions: ['1.1'],
      targetVersions: ['1.2', '1.3'],
    });
    expect(status).toMatchObject({ status: 'SUCCESS', errorReason: null });
    // An image's byte total is known when the run is planned: its blobs (config and layers).
    const blobBytes = image.blobs.reduce((sum, blob) => sum + blob.size, 0);
    expect(status.progress).toMatchObject({ totalItems: 1, doneItems: 1, failedItems: 0, totalBytes: blobBytes, doneBytes: blobBytes });
    expect(await registryTagDigest(registry, 'mirror/nginx', '1.2')).toBe(image.manifest.digest);
    expect(await registryTagDigest(registry, 'mirror/nginx', '1.3')).toBe(image.manifest.digest);
    expect(await registryTagDigest(registry, 'mirror/nginx', '1.1')).toBeNull();
    const inspected = JSON.parse(
      execFileSync('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${registry.host}/mirror/nginx:1.3`]).toString(),
    );
    expect(inspected.layers.map((l: { digest: string }) => l.digest)).toEqual(image.blobs.slice(1).map((b) => b.digest));
  });

  it('pushes a multi-arch index to a registry with Basic auth, and reports a wrong password usefully', async () => {
    const index = buildIndex(50_000);
    const { projectId, repoName } = await createImageRepo(api, ferry.url, { name: 'multi', tag: 'v2' }, index);
    const ok = await runOnceToEnd(projectId, repoName, {
      name: 'index_push',
      registry: `http://${lockedRegistry.host}/team`,
      username: registryCreds.username,
      password: registryCreds.password,
      packageName: 'multi',
      versions: ['v2'],
    });
    expect(ok.status).toBe('SUCCESS');
    // An index counts the distinct blobs of its children.
    expect(ok.progress.totalBytes).toBe(index.blobs.reduce((sum, b) => sum + b.size, 0));
    expect(await registryTagDigest(lockedRegistry, 'team/multi', 'v2', registryCreds)).toBe(index.manifest.digest);
    const bad = await runOnceToEnd(projectId, repoName, {
      name: 'bad_password',
      registry: `http://${lockedRegistry.host}/team`,
      username: registryCreds.username,
      password: 'wrong',
      packageName: 'multi',
      versions: ['v2'],
    });
    expect(bad.status).toBe('FAILED');
    expect(bad.errorReason).toContain(`401 from registry ${lockedRegistry.host}`);
    expect(bad.errorReason).toContain('check the username/password');
  });

  it('distributes a pushed tag in real time', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'DOCKER');
    await createConfig(projectId, repoName, { name: 'live_images', registry: `http://${registry.host}/live`, replicaType: 'REAL_TIME' });
    const image = buildImage([20_000]);
    await pushImageToFerry(ferry.url, { projectId, repoName, image: 'app', tag: 'latest' }, image);
    await expect.poll(() => registryTagDigest(registry, 'live/app', 'latest'), { timeout: 10_000 }).toBe(image.manifest.digest);
  });
});

describe('homogeneous: files to another Ferry cluster', () => {
  async function peerCluster() {
    return createClusterNode(api, { url: peer.url, username: 'admin', password: PEER_PASSWORD });
  }

  /** The target fields of a task that copies into `remoteProjectId/remoteRepoName` on the peer. */
  async function peerTarget(remoteProjectId: string, remoteRepoName: string) {
    return { clusterId: (await peerCluster()).id, remoteProjectId, remoteRepoName };
  }

  /** A GENERIC repository made on the peer beforehand, e.g. to hold conflicting content. */
  async function peerRepository(projectId: string, repoName: string) {
    dataOf(await peerApi.post('/repository/api/project/create', { name: projectId }));
    dataOf(await peerApi.post('/repository/api/repo/create', { projectId, name: repoName, type: 'GENERIC' }));
    return { projectId, repoName };
  }

  it('pushes an image to the peer cluster through its /v2/ API', async () => {
    const image = buildIndex(30_000);
    const { projectId, repoName } = await createImageRepo(api, ferry.url, { name: 'tools/cli', tag: '2.0' }, image);
    const status = await runOnceToEnd(projectId, repoName, {
      name: 'image_to_peer',
      ...(await peerTarget('peerimages', 'mirror')),
      packageName: 'tools/cli',
      versions: ['2.0'],
    });
    expect(status.status).toBe('SUCCESS');
    const versions = dataOf(
      await peerApi.get<{ records: Array<{ name: string; digest: string }> }>(
        '/repository/api/version/page/peerimages/mirror?packageKey=docker://tools/cli',
      ),
    );
    expect(versions.records).toEqual([expect.objectContaining({ name: '2.0', digest: image.manifest.digest })]);
  });

  it('copies a run-once path (a folder) with its metadata, creating the remote repository', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'GENERIC');
    const a = randomBytes(100_000);
    const b = randomBytes(5000);
    expect((await uploadFile(ferry.url, { projectId, repoName, path: '/docs/a.bin' }, a, { 'X-BKREPO-META-owner': 'team-x' })).status).toBe(
      200,
    );
    expect((await uploadFile(ferry.url, { projectId, repoName, path: '/docs/sub/b.bin' }, b)).status).toBe(200);
    expect((await uploadFile(ferry.url, { projectId, repoName, path: '/other.bin' }, b)).status).toBe(200);
    const docsCopy = { name: 'docs_copy', ...(await peerTarget('mirrorproj', 'mirrorrepo')), pathConstraints: ['/docs'] };
    const status = await runOnceToEnd(projectId, repoName, docsCopy);
    expect(status).toMatchObject({ status: 'SUCCESS' });
    expect(status.progress).toMatchObject({ totalItems: 2, doneItems: 2, totalBytes: 105_000, doneBytes: 105_000 });
    const copied = await downloadFile(peer.url, { projectId: 'mirrorproj', repoName: 'mirrorrepo', path: '/docs/a.bin' }, PEER_PASSWORD);
    expect(copied.body.equals(a)).toBe(true);
    const detail = dataOf(
      await peerApi.get<{ metadata: Record<string, string> }>('/repository/api/node/detail/mirrorproj/mirrorrepo/docs/a.bin'),
    );
    expect(detail.metadata).toMatchObject({ owner: 'team-x' });
    expect(
      (await downloadFile(peer.url, { projectId: 'mirrorproj', repoName: 'mirrorrepo', path: '/other.bin' }, PEER_PASSWORD)).status,
    ).toBe(404);
    // A second run sends nothing: the peer already has identical content.
    const again = await runOnceToEnd(projectId, repoName, docsCopy);
    expect(again.progress).toMatchObject({ doneItems: 2, doneBytes: 0 });
  });

  it('distributes an uploaded file in real time, and ignores a disabled config', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'GENERIC');
    const cluster = await peerCluster();
    await createConfig(projectId, repoName, {
      name: 'live_files',
      clusterId: cluster.id,
      remoteProjectId: projectId,
      remoteRepoName: 'live',
      replicaType: 'REAL_TIME',
    });
    const off = await createConfig(projectId, repoName, {
      name: 'dormant',
      clusterId: cluster.id,
      remoteProjectId: projectId,
      remoteRepoName: 'dormant',
      replicaType: 'REAL_TIME',
      enable: false,
    });
    const content = randomBytes(2048);
    const started = Date.now();
    expect((await uploadFile(ferry.url, { projectId, repoName, path: '/rt/new.txt' }, content)).status).toBe(200);
    await expect
      .poll(async () => (await downloadFile(peer.url, { projectId, repoName: 'live', path: '/rt/new.txt' }, PEER_PASSWORD)).status, {
        timeout: 10_000,
        interval: 100,
      })
      .toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(dataOf(await api.get<Page<unknown>>(`/replication/api/execution/list/${off.taskKey}`)).totalRecords).toBe(0);
  });

  it('applies SKIP, FAST_FAIL and OVERWRITE to a path that differs at the target', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'GENERIC');
    const remote = await peerRepository(`${projectId}r`, 'conflicts');
    const theirs = randomBytes(1000);
    const ours = randomBytes(1000);
    await uploadFile(peer.url, { ...remote, path: '/c.bin' }, theirs, {}, PEER_PASSWORD);
    await uploadFile(ferry.url, { projectId, repoName, path: '/c.bin' }, ours);
    await uploadFile(ferry.url, { projectId, repoName, path: '/d.bin' }, ours);
    const target = {
      ...(await peerTarget(remote.projectId, remote.repoName)),
      replicaType: 'SCHEDULED',
      pathConstraints: ['/c.bin', '/d.bin'],
    };
    const at = (strategy: string, errorStrategy = 'CONTINUE') => ({
      conflictStrategy: strategy,
      errorStrategy,
      executionStrategy: 'SPECIFIED_TIME',
      executionPlan: { executeTime: '2099-01-01T00:00:00' },
    });

    const skip = await createConfig(projectId, repoName, { ...target, name: 'skip_it', setting: at('SKIP') });
    const skipped = await runConfigToEnd(projectId, repoName, 'skip_it', skip.taskKey);
    expect(skipped.status).toBe('SUCCESS');
    expect(skipped.progress).toMatchObject({ skippedItems: 1, conflictItems: 1, doneItems: 1 });
    expect((await downloadFile(peer.url, { ...remote, path: '/c.bin' }, PEER_PASSWORD)).body.equals(theirs)).toBe(true);

    const fail = await createConfig(projectId, repoName, { ...target, name: 'fail_it', setting: at('FAST_FAIL') });
    const failed = await runConfigToEnd(projectId, repoName, 'fail_it', fail.taskKey);
    expect(failed.status).toBe('FAILED');
    expect(failed.errorReason).toContain('/c.bin already exists at the target with different content');
    expect(await detailsOf(failed.id, 'FAILED')).toEqual([expect.objectContaining({ artifactName: '/c.bin' })]);

    const overwrite = await createConfig(projectId, repoName, { ...target, name: 'replace_it', setting: at('OVERWRITE') });
    expect((await runConfigToEnd(projectId, repoName, 'replace_it', overwrite.taskKey)).status).toBe('SUCCESS');
    expect((await downloadFile(peer.url, { ...remote, path: '/c.bin' }, PEER_PASSWORD)).body.equals(ours)).toBe(true);
  });

  it('stops at the first failure with FAST_FAIL, continues with CONTINUE, and retries only the failed artifacts', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'GENERIC');
    const remote = await peerRepository(`${projectId}e`, 'errors');
    await uploadFile(peer.url, { ...remote, path: '/a/1.bin' }, randomBytes(10), {}, PEER_PASSWORD);
    for (const name of ['1', '2', '3']) await uploadFile(ferry.url, { projectId, repoName, path: `/a/${name}.bin` }, randomBytes(100));
    const setting = (errorStrategy: string) => ({
      conflictStrategy: 'FAST_FAIL',
      errorStrategy,
      executionStrategy: 'SPECIFIED_TIME',
      executionPlan: { executeTime: '2099-01-01T00:00:00' },
    });
    const base = {
      ...(await peerTarget(remote.projectId, remote.repoName)),
      replicaType: 'SCHEDULED',
      pathConstraints: ['/a'],
    };

    const stop = await createConfig(projectId, repoName, { ...base, name: 'stop_early', setting: setting('FAST_FAIL') });
    const stopped = await runConfigToEnd(projectId, repoName, 'stop_early', stop.taskKey);
    expect(stopped.status).toBe('FAILED');
    expect((await detailsOf(stopped.id, 'CANCELLED')).length + (await detailsOf(stopped.id, 'SUCCESS')).length).toBe(2);

    const go = await createConfig(projectId, repoName, { ...base, name: 'go_on', setting: setting('CONTINUE') });
    const continued = await runConfigToEnd(projectId, repoName, 'go_on', go.taskKey);
    expect(continued.progress).toMatchObject({ totalItems: 3, failedItems: 1, doneItems: 2 });

    // Make the failed artifact succeed (remove the conflict at the target), then retry only it.
    expect(
      (
        await fetch(`${peer.url}/generic/${remote.projectId}/${remote.repoName}/a/1.bin`, {
          method: 'DELETE',
          headers: { Authorization: `Basic ${Buffer.from(`admin:${PEER_PASSWORD}`).toString('base64')}` },
        })
      ).status,
    ).toBe(200);
    const { id: retryId } = dataOf(await api.post<{ id: string }>(`/replication/api/execution/retry/${continued.id}`));
    await expect
      .poll(async () => dataOf(await api.get<Status>(`/replication/api/execution/info/${retryId}`)).status, { timeout: 20_000 })
      .toBe('SUCCESS');
    const retried = dataOf(await api.get<Status & { trigger: string }>(`/replication/api/execution/info/${retryId}`));
    expect(retried.trigger).toBe('RETRY');
    expect(retried.progress).toMatchObject({ totalItems: 1, doneItems: 1 });
    expect((await detailsOf(retryId)).map((d) => d.artifactName)).toEqual(['/a/1.bin']);
  });
});

describe('cancel', () => {
  it('cancels a rate-limited run in progress; it stops sending and reports CANCELLED', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api, 'GENERIC');
    await uploadFile(ferry.url, { projectId, repoName, path: '/big.bin' }, randomBytes(8 * 1024 * 1024));
    const cluster = await createClusterNode(api, { url: peer.url, username: 'admin', password: PEER_PASSWORD });
    const config = await createConfig(projectId, repoName, {
      name: 'slow_copy',
      clusterId: cluster.id,
      remoteProjectId: projectId,
      remoteRepoName: 'slow',
      replicaType: 'SCHEDULED',
      setting: { rateLimit: 512 * 1024, executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: '2099-01-01T00:00:00' } },
    });
    dataOf(await api.post(`${dist}/run/${projectId}/${repoName}/slow_copy`));
    await expect.poll(async () => (await lastRun(config.taskKey)).progress.doneBytes, { timeout: 10_000 }).toBeGreaterThan(0);
    const running = await lastRun(config.taskKey);
    // The artifact's own row shows its progress while it copies.
    await expect.poll(async () => (await detailsOf(running.id, 'RUNNING'))[0]?.bytesDone ?? 0, { timeout: 5000 }).toBeGreaterThan(0);
    dataOf(await api.post(`/replication/api/execution/cancel/${running.id}`));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const first = await lastRun(config.taskKey);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const later = await lastRun(config.taskKey);
    expect(later.status).toBe('CANCELLED');
    expect(later.progress.doneBytes).toBe(first.progress.doneBytes);
    expect(later.progress.doneBytes).toBeLessThan(8 * 1024 * 1024);
    expect((await downloadFile(peer.url, { projectId, repoName: 'slow', path: '/big.bin' }, PEER_PASSWORD)).status).toBe(404);
  });
});
