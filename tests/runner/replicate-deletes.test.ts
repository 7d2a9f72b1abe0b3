import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { downloadFile, pushImageToFerry, uploadFile } from '../support/artifacts';
import { createClusterNode, createConfig, createProjectWithRepo, runsOf } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { buildImage } from '../support/oci-images';
import { expectRefusal } from '../support/refusal';
import { type RegistryServer, registryTagDigest, startRegistry } from '../support/registry';

// Feature 3 of issue 14: deletions at the source replicated by REAL_TIME configs with replicateDeletes,
// to a peer Ferry (files and tags), to docker-registry with deletion enabled, and to one without it.
const PEER_PASSWORD = 'peer-admin-password';
const dist = '/replication/api/remote/distribution';
let ferry: FerryServer;
let peer: FerryServer;
let registry: RegistryServer;
let noDeleteRegistry: RegistryServer;
let api: ApiClient;
let peerApi: ApiClient;

beforeAll(async () => {
  [ferry, peer, registry, noDeleteRegistry] = await Promise.all([
    startFerry({ env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200' } }),
    startFerry({ env: { FERRY_ADMIN_PASSWORD: PEER_PASSWORD } }),
    startRegistry(),
    startRegistry({ deleteEnabled: false }),
  ]);
  api = apiClient(ferry.url);
  peerApi = apiClient(peer.url, { username: 'admin', password: PEER_PASSWORD });
});
afterAll(async () => {
  await Promise.all([ferry?.stop(), peer?.stop(), registry?.stop(), noDeleteRegistry?.stop()]);
});

type Run = { id: string; status: string; progress: Record<string, number> };
type Detail = { artifactName: string; version: string | null; status: string; operation: string; errorReason: string | null };

/** Every artifact row of every run of a config. */
async function detailsOf(taskKey: string): Promise<Detail[]> {
  const runs = await runsOf<Run>(api, taskKey, 100);
  const pages = await Promise.all(
    runs.map(
      async (run) => dataOf(await api.get<{ records: Detail[] }>(`/replication/api/execution/details/${run.id}?pageSize=1000`)).records,
    ),
  );
  return pages.flat();
}

/** Waits until the config's runs have ended and its deletion rows have ended too; returns them. */
async function settledDeletions(taskKey: string, count: number): Promise<Detail[]> {
  await expect
    .poll(
      async () => {
        const runs = await runsOf<Run>(api, taskKey, 100);
        const deletions = (await detailsOf(taskKey)).filter((d) => d.operation === 'DELETE' && !['PENDING', 'RUNNING'].includes(d.status));
        return runs.every((run) => !['QUEUED', 'RUNNING'].includes(run.status)) && deletions.length >= count;
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(true);
  return (await detailsOf(taskKey)).filter((d) => d.operation === 'DELETE');
}

const peerFileStatus = async (projectId: string, repoName: string, path: string) =>
  (await downloadFile(peer.url, { projectId, repoName, path }, PEER_PASSWORD)).status;

async function deleteAtSource(projectId: string, repoName: string, path: string): Promise<void> {
  dataOf(await api.delete(`/generic/${projectId}/${repoName}${path}`));
}

async function deleteTagAtSource(projectId: string, repoName: string, image: string, tag: string): Promise<void> {
  dataOf(await api.delete(`/repository/api/version/delete/${projectId}/${repoName}?packageKey=docker://${image}&version=${tag}`));
}

/**
 * The real-time consumer reads the outbox in order: once a file uploaded after some events reaches
 * the peer through `marker`'s config, those events have been consumed.
 */
async function eventsConsumed(repo: { projectId: string; repoName: string }, markerRepo: string): Promise<void> {
  const path = `/marker-${randomBytes(4).toString('hex')}.txt`;
  expect((await uploadFile(ferry.url, { ...repo, path }, randomBytes(10))).status).toBe(200);
  await expect.poll(() => peerFileStatus(repo.projectId, markerRepo, path), { timeout: 15_000, interval: 100 }).toBe(200);
}

/** A GENERIC repository, and the fields of a REAL_TIME config copying it into `remoteRepoName` on the peer. */
async function genericRepoWithPeer() {
  const repo = await createProjectWithRepo(api, 'GENERIC');
  const cluster = await createClusterNode(api, { url: peer.url, username: 'admin', password: PEER_PASSWORD });
  const to = (remoteRepoName: string) => ({
    clusterId: cluster.id,
    remoteProjectId: repo.projectId,
    remoteRepoName,
    replicaType: 'REAL_TIME',
  });
  return { repo, to };
}

describe('replicateDeletes on the config API', () => {
  it('is false unless asked for, shown in the config info, and turned off by leaving REAL_TIME', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    const target = { registry: `http://${registry.host}/api-check`, replicaType: 'REAL_TIME', setting: {} };
    const plain = await createConfig<{ taskKey: string; replicateDeletes: boolean }>(api, repo, { name: 'plain', ...target });
    expect(plain.replicateDeletes).toBe(false);
    const on = await createConfig<{ taskKey: string; replicateDeletes: boolean }>(api, repo, {
      name: 'deleting',
      ...target,
      replicateDeletes: true,
    });
    expect(on.replicateDeletes).toBe(true);
    // An update that does not mention it keeps it.
    dataOf(await api.post(`${dist}/update/${repo.projectId}/${repo.repoName}/deleting`, { description: 'kept' }));
    const kept = dataOf(await api.get<Array<{ replicateDeletes: boolean }>>(`${dist}/info/${repo.projectId}/${repo.repoName}/deleting`));
    expect(kept[0]?.replicateDeletes).toBe(true);
    // Switching to a schedule without a word about it turns it off rather than refusing the switch.
    dataOf(
      await api.post(`${dist}/update/${repo.projectId}/${repo.repoName}/deleting`, {
        replicaType: 'SCHEDULED',
        setting: { executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeImmediately: false, executeTime: '2099-01-01T00:00:00' } },
      }),
    );
    const scheduled = dataOf(
      await api.get<Array<{ replicateDeletes: boolean; replicaType: string }>>(`${dist}/info/${repo.projectId}/${repo.repoName}/deleting`),
    );
    expect(scheduled[0]).toMatchObject({ replicaType: 'SCHEDULED', replicateDeletes: false });
  });

  it('refuses hostile values naming the field, and stores nothing', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    const base = { name: 'hostile', registry: `http://${registry.host}/hostile`, replicaType: 'REAL_TIME', setting: {} };
    const create = (config: Record<string, unknown>) =>
      api.post(`${dist}/create/${repo.projectId}/${repo.repoName}`, { configs: [config] });
    expectRefusal(await create({ ...base, replicateDeletes: 'true' }), 400, 250106, 'configs[0].replicateDeletes');
    // A NUL is refused as unstorable text before the type is looked at (250105), still naming the field.
    expectRefusal(await create({ ...base, replicateDeletes: '\u0000' }), 400, 250105, 'configs[0].replicateDeletes');
    expectRefusal(await create({ ...base, replicateDeletes: 'x'.repeat(200_000) }), 400, 250106, 'configs[0].replicateDeletes');
    expectRefusal(await create({ ...base, replicateDeletes: 1 }), 400, 250106, 'configs[0].replicateDeletes');
    expectRefusal(await create({ ...base, replicateDeletes: { value: true } }), 400, 250106, 'configs[0].replicateDeletes');
    // Only the real-time consumer sees deletions: asking a scheduled config for them is an error.
    const scheduled = { ...base, replicaType: 'SCHEDULED', replicateDeletes: true };
    const refused = await create(scheduled);
    expectRefusal(refused, 400, 250105, 'configs[0].replicateDeletes');
    expect(refused.body.message).toContain('only REAL_TIME configs');
    expect(dataOf(await api.get<unknown[]>(`${dist}/info/${repo.projectId}/${repo.repoName}`))).toEqual([]);

    dataOf(await create(base));
    const update = (body: Record<string, unknown>) => api.post(`${dist}/update/${repo.projectId}/${repo.repoName}/hostile`, body);
    expectRefusal(await update({ replicateDeletes: 'yes' }), 400, 250106, 'replicateDeletes');
    expectRefusal(await update({ replicateDeletes: true, replicaType: 'SCHEDULED' }), 400, 250105, 'replicateDeletes');
    const [stored] = dataOf(
      await api.get<Array<{ replicateDeletes: boolean; replicaType: string }>>(`${dist}/info/${repo.projectId}/${repo.repoName}/hostile`),
    );
    expect(stored).toMatchObject({ replicaType: 'REAL_TIME', replicateDeletes: false });
  });

  it('keeps replicateDeletes and verifyCron when bk-repo automation re-runs create without them', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    const base = { name: 'rerun', registry: `http://${registry.host}/rerun`, replicaType: 'REAL_TIME', setting: {} };
    const create = async (config: Record<string, unknown>) =>
      dataOf(await api.post(`${dist}/create/${repo.projectId}/${repo.repoName}`, { configs: [config] }));
    type Info = { replicateDeletes: boolean; verifyCron: string | null; description: string | null };
    const info = async () => dataOf(await api.get<Info[]>(`${dist}/info/${repo.projectId}/${repo.repoName}/rerun`))[0];
    await create({ ...base, replicateDeletes: true, verifyCron: '0 0 3 * * ?' });
    // A client that has never heard of Ferry's fields: what it leaves out (or sends null) stays.
    await create({ ...base, description: 'again' });
    expect(await info()).toMatchObject({ replicateDeletes: true, verifyCron: '0 0 3 * * ?', description: 'again' });
    await create({ ...base, replicateDeletes: null, verifyCron: null });
    expect(await info()).toMatchObject({ replicateDeletes: true, verifyCron: '0 0 3 * * ?' });
    // Said outright, they change: false turns deletions off, "" stops the verify schedule.
    await create({ ...base, replicateDeletes: false, verifyCron: '' });
    expect(await info()).toMatchObject({ replicateDeletes: false, verifyCron: null });
  });
});

describe('files to a peer Ferry', () => {
  it('deletes a deleted file, and each file of a deleted folder, at the peer; a config without replicateDeletes deletes nothing', async () => {
    const { repo, to } = await genericRepoWithPeer();
    const deleting = await createConfig(api, repo, { name: 'mirror_deletes', ...to('mirror'), setting: {}, replicateDeletes: true });
    // Off by default: this one copies the same files and must keep them.
    const keeping = await createConfig(api, repo, { name: 'mirror_keeps', ...to('archive'), setting: {} });
    const files = ['/gone.txt', '/dir/a.txt', '/dir/sub/b.txt', '/stays.txt'];
    for (const path of files) expect((await uploadFile(ferry.url, { ...repo, path }, randomBytes(500))).status).toBe(200);
    for (const remote of ['mirror', 'archive']) {
      for (const path of files) {
        await expect.poll(() => peerFileStatus(repo.projectId, remote, path), { timeout: 15_000, interval: 100 }).toBe(200);
      }
    }

    await deleteAtSource(repo.projectId, repo.repoName, '/gone.txt');
    await deleteAtSource(repo.projectId, repo.repoName, '/dir');
    for (const path of ['/gone.txt', '/dir/a.txt', '/dir/sub/b.txt']) {
      await expect.poll(() => peerFileStatus(repo.projectId, 'mirror', path), { timeout: 15_000, interval: 100 }).toBe(404);
    }
    expect(await peerFileStatus(repo.projectId, 'mirror', '/stays.txt')).toBe(200);
    const deletions = await settledDeletions(deleting.taskKey, 3);
    expect(deletions.map((d) => [d.artifactName, d.status]).sort()).toEqual([
      ['/dir/a.txt', 'SUCCESS'],
      ['/dir/sub/b.txt', 'SUCCESS'],
      ['/gone.txt', 'SUCCESS'],
    ]);
    // The runs that deleted succeeded.
    for (const run of await runsOf<Run>(api, deleting.taskKey, 100)) expect(run.status).toBe('SUCCESS');

    await eventsConsumed(repo, 'archive');
    for (const path of files) expect(await peerFileStatus(repo.projectId, 'archive', path)).toBe(200);
    expect((await detailsOf(keeping.taskKey)).filter((d) => d.operation === 'DELETE')).toEqual([]);
  });

  it('keeps deletions made while disabled and applies them when enabled, except a file re-created meanwhile or out of scope by then', async () => {
    const { repo, to } = await genericRepoWithPeer();
    const config = await createConfig(api, repo, { name: 'paused', ...to('paused'), setting: {}, replicateDeletes: true });
    await createConfig(api, repo, { name: 'marker', ...to('marker'), setting: {} });
    const original = randomBytes(300);
    const all = ['/a.txt', '/b.txt', '/c.txt', '/out/d.txt'];
    for (const path of all) expect((await uploadFile(ferry.url, { ...repo, path }, original)).status).toBe(200);
    for (const path of all) {
      await expect.poll(() => peerFileStatus(repo.projectId, 'paused', path), { timeout: 15_000, interval: 100 }).toBe(200);
    }
    dataOf(await api.post(`${dist}/toggle/status/${repo.projectId}/${repo.repoName}/paused`));
    const [disabled] = dataOf(await api.get<Array<{ enable: boolean }>>(`${dist}/info/${repo.projectId}/${repo.repoName}/paused`));
    expect(disabled?.enable).toBe(false);
    await deleteAtSource(repo.projectId, repo.repoName, '/a.txt');
    await deleteAtSource(repo.projectId, repo.repoName, '/b.txt');
    await deleteAtSource(repo.projectId, repo.repoName, '/c.txt');
    await deleteAtSource(repo.projectId, repo.repoName, '/out');
    // b is uploaded again while the config is disabled: its deletion must not apply.
    expect((await uploadFile(ferry.url, { ...repo, path: '/b.txt' }, randomBytes(300))).status).toBe(200);
    await eventsConsumed(repo, 'marker');
    // Nothing happened at the target while disabled.
    for (const path of all) expect(await peerFileStatus(repo.projectId, 'paused', path)).toBe(200);

    // Enabled again through update, the pending deletions apply; /out is no longer in its scope, so d stays.
    const scope = { pathConstraints: ['/a.txt', '/b.txt', '/c.txt'] };
    dataOf(await api.post(`${dist}/update/${repo.projectId}/${repo.repoName}/paused`, { enable: true, ...scope }));
    await expect.poll(() => peerFileStatus(repo.projectId, 'paused', '/a.txt'), { timeout: 15_000, interval: 100 }).toBe(404);
    await expect.poll(() => peerFileStatus(repo.projectId, 'paused', '/c.txt'), { timeout: 15_000, interval: 100 }).toBe(404);
    const deletions = await settledDeletions(config.taskKey, 2);
    expect(deletions.map((d) => d.artifactName).sort()).toEqual(['/a.txt', '/c.txt']);
    expect(await peerFileStatus(repo.projectId, 'paused', '/b.txt')).toBe(200);
    expect(await peerFileStatus(repo.projectId, 'paused', '/out/d.txt')).toBe(200);
    // Applied once: toggling off and on again queues nothing more.
    dataOf(await api.post(`${dist}/toggle/status/${repo.projectId}/${repo.repoName}/paused`));
    dataOf(await api.post(`${dist}/toggle/status/${repo.projectId}/${repo.repoName}/paused`));
    expect((await detailsOf(config.taskKey)).filter((d) => d.operation === 'DELETE')).toHaveLength(2);
  });
});

describe('content the target holds of its own', () => {
  it("leaves a file at the peer that differs from what was deleted at the source (not Ferry's copy)", async () => {
    const { repo, to } = await genericRepoWithPeer();
    const config = await createConfig(api, repo, { name: 'not_ours', ...to('own'), setting: {}, replicateDeletes: true });
    expect((await uploadFile(ferry.url, { ...repo, path: '/theirs.txt' }, randomBytes(300))).status).toBe(200);
    await expect.poll(() => peerFileStatus(repo.projectId, 'own', '/theirs.txt'), { timeout: 15_000, interval: 100 }).toBe(200);
    // Someone writes other content under the same name at the peer; then the source deletes its file.
    const theirs = randomBytes(400);
    const target = { projectId: repo.projectId, repoName: 'own', path: '/theirs.txt' };
    expect((await uploadFile(peer.url, target, theirs, {}, PEER_PASSWORD)).status).toBe(200);
    await deleteAtSource(repo.projectId, repo.repoName, '/theirs.txt');
    const [deletion] = await settledDeletions(config.taskKey, 1);
    expect(deletion).toMatchObject({ artifactName: '/theirs.txt', status: 'SKIPPED', operation: 'DELETE' });
    expect(deletion?.errorReason).toContain('differs from what was deleted at the source');
    const kept = await downloadFile(peer.url, target, PEER_PASSWORD);
    expect(kept.status).toBe(200);
    expect(kept.body.equals(theirs)).toBe(true);
  });
});

describe('image tags', () => {
  it('deletes a tag at a peer Ferry through its /v2/ API', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    const cluster = await createClusterNode(api, { url: peer.url, username: 'admin', password: PEER_PASSWORD });
    const remoteProjectId = `${repo.projectId}p`;
    const config = await createConfig(api, repo, {
      name: 'peer_tags',
      clusterId: cluster.id,
      remoteProjectId,
      remoteRepoName: 'images',
      replicaType: 'REAL_TIME',
      setting: {},
      replicateDeletes: true,
    });
    const image = buildImage([3000]);
    await pushImageToFerry(ferry.url, { ...repo, image: 'svc', tag: '1.0' }, image);
    await pushImageToFerry(ferry.url, { ...repo, image: 'svc', tag: '2.0' }, buildImage([3000]));
    const peerTags = async () =>
      dataOf(
        await peerApi.get<{ records: Array<{ name: string }> }>(
          `/repository/api/version/page/${remoteProjectId}/images?packageKey=docker://svc`,
        ),
      )
        .records.map((r) => r.name)
        .sort();
    await expect.poll(() => peerTags().catch(() => []), { timeout: 15_000, interval: 100 }).toEqual(['1.0', '2.0']);
    await deleteTagAtSource(repo.projectId, repo.repoName, 'svc', '1.0');
    await expect.poll(peerTags, { timeout: 15_000, interval: 100 }).toEqual(['2.0']);
    const deletions = await settledDeletions(config.taskKey, 1);
    expect(deletions).toEqual([expect.objectContaining({ artifactName: 'svc', version: '1.0', status: 'SUCCESS', operation: 'DELETE' })]);
  });

  it('deletes a tag at docker-registry by its digest, and leaves a digest another live tag shares (UNSUPPORTED)', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    const config = await createConfig(api, repo, {
      name: 'registry_tags',
      registry: `http://${registry.host}/del`,
      replicaType: 'REAL_TIME',
      setting: {},
      replicateDeletes: true,
    });
    const alone = buildImage([2000]);
    const shared = buildImage([2000]);
    await pushImageToFerry(ferry.url, { ...repo, image: 'app', tag: 'alone' }, alone);
    await pushImageToFerry(ferry.url, { ...repo, image: 'app', tag: 'x' }, shared);
    await pushImageToFerry(ferry.url, { ...repo, image: 'app', tag: 'y' }, shared);
    for (const [tag, digest] of [
      ['alone', alone.manifest.digest],
      ['x', shared.manifest.digest],
      ['y', shared.manifest.digest],
    ] as const) {
      await expect.poll(() => registryTagDigest(registry, 'del/app', tag), { timeout: 15_000, interval: 100 }).toBe(digest);
    }

    await deleteTagAtSource(repo.projectId, repo.repoName, 'app', 'alone');
    await expect.poll(() => registryTagDigest(registry, 'del/app', 'alone'), { timeout: 15_000, interval: 100 }).toBeNull();

    // x shares its digest with y, which the source still has: deleting by digest would take y too.
    await deleteTagAtSource(repo.projectId, repo.repoName, 'app', 'x');
    const afterX = await settledDeletions(config.taskKey, 2);
    expect(afterX.find((d) => d.version === 'x')).toMatchObject({ status: 'UNSUPPORTED' });
    expect(afterX.find((d) => d.version === 'x')?.errorReason).toContain('also carries tag y');
    expect(await registryTagDigest(registry, 'del/app', 'x')).toBe(shared.manifest.digest);
    expect(await registryTagDigest(registry, 'del/app', 'y')).toBe(shared.manifest.digest);
    for (const run of await runsOf<Run>(api, config.taskKey, 100)) expect(run.status).toBe('SUCCESS');

    // Once y is deleted at the source too, the digest goes, and x with it.
    await deleteTagAtSource(repo.projectId, repo.repoName, 'app', 'y');
    await expect.poll(() => registryTagDigest(registry, 'del/app', 'y'), { timeout: 15_000, interval: 100 }).toBeNull();
    expect(await registryTagDigest(registry, 'del/app', 'x')).toBeNull();
    const all = await settledDeletions(config.taskKey, 3);
    expect(all.find((d) => d.version === 'y')).toMatchObject({ status: 'SUCCESS' });
  });

  it('marks a deletion UNSUPPORTED when docker-registry has deletion disabled, and the run still succeeds', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    const config = await createConfig(api, repo, {
      name: 'no_delete_registry',
      registry: `http://${noDeleteRegistry.host}/keep`,
      replicaType: 'REAL_TIME',
      setting: {},
      replicateDeletes: true,
    });
    const image = buildImage([2000]);
    await pushImageToFerry(ferry.url, { ...repo, image: 'app', tag: '1.0' }, image);
    await expect
      .poll(() => registryTagDigest(noDeleteRegistry, 'keep/app', '1.0'), { timeout: 15_000, interval: 100 })
      .toBe(image.manifest.digest);
    await deleteTagAtSource(repo.projectId, repo.repoName, 'app', '1.0');
    const [deletion] = await settledDeletions(config.taskKey, 1);
    expect(deletion).toMatchObject({ artifactName: 'app', version: '1.0', status: 'UNSUPPORTED', operation: 'DELETE' });
    expect(deletion?.errorReason).toContain('refuses to delete manifests');
    expect(deletion?.errorReason).toContain('UNSUPPORTED');
    expect(await registryTagDigest(noDeleteRegistry, 'keep/app', '1.0')).toBe(image.manifest.digest);
    const runs = await runsOf<Run>(api, config.taskKey, 100);
    for (const run of runs) expect(run.status).toBe('SUCCESS');
    // Counted with the skipped, not the failed.
    expect(runs.reduce((sum, run) => sum + (run.progress.skippedItems ?? 0), 0)).toBe(1);
    expect(runs.reduce((sum, run) => sum + (run.progress.failedItems ?? 0), 0)).toBe(0);
    // The run's artifact list filters on the outcome.
    const runWithDeletion = runs.find((run) => run.progress.skippedItems === 1);
    const unsupported = dataOf(
      await api.get<{ records: Detail[] }>(`/replication/api/execution/details/${runWithDeletion?.id}?status=UNSUPPORTED`),
    ).records;
    expect(unsupported).toHaveLength(1);
  });
});
