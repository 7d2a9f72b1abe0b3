import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../lib/plans/schemas';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { pushImageToFerry, uploadFile } from '../support/artifacts';
import { createClusterNode, createConfig, createProjectWithRepo, createRunOnceTask } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { freePort, uniqueName } from '../support/harness';
import { type BuiltImage, buildImage } from '../support/oci-images';
import { expectRefusal } from '../support/refusal';
import { type RegistryServer, registryTagDigest, startRegistry } from '../support/registry';
import { registryStorageListing, registryUploadSessions } from '../support/registry-storage';

// Dry-run plans through the API: the source as the runner lists it, the target probed read-only.
const PEER_PASSWORD = 'peer-admin-password';
let ferry: FerryServer;
let hurried: FerryServer;
let peer: FerryServer;
let registry: RegistryServer;
let api: ApiClient;
let peerApi: ApiClient;
let blackHole: Server;
let blackHolePort: number;
const sockets = new Set<Socket>();

beforeAll(async () => {
  blackHolePort = await freePort();
  // Accepts connections and never answers: a target that hangs.
  blackHole = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  }).listen(blackHolePort, '127.0.0.1');
  [ferry, hurried, peer, registry] = await Promise.all([
    startFerry(),
    startFerry({ env: { FERRY_PLAN_BUDGET_SECONDS: '1' } }),
    startFerry({ env: { FERRY_ADMIN_PASSWORD: PEER_PASSWORD } }),
    startRegistry(),
  ]);
  api = apiClient(ferry.url);
  peerApi = apiClient(peer.url, { username: 'admin', password: PEER_PASSWORD });
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  blackHole?.close();
  await Promise.all([ferry?.stop(), hurried?.stop(), peer?.stop(), registry?.stop()]);
});

type Repo = { projectId: string; repoName: string };
const planPath = (repo: Repo) => `/replication/api/remote/distribution/plan/${repo.projectId}/${repo.repoName}`;
const plan = async (repo: Repo, body: unknown, client = api) => dataOf(await client.post<Plan>(planPath(repo), body));
const blobBytes = (image: BuiltImage) => image.blobs.reduce((sum, blob) => sum + blob.size, 0);
const byName = (result: Plan) => Object.fromEntries(result.artifacts.map((a) => [a.version ? `${a.name}:${a.version}` : a.name, a]));

/** Pushes straight into the test registry, as someone else would have. */
const pushToRegistry = (repository: string, tag: string, image: BuiltImage) => {
  const [projectId = '', repoName = '', ...rest] = repository.split('/');
  return pushImageToFerry(registry.url, { projectId, repoName, image: rest.join('/'), tag }, image);
};

/** A DOCKER repository with app:1.0 (absent at the target), app:2.0 (same there), app:3.0 (different there). */
async function imagesAgainstRegistry(namespace: string) {
  const repo = await createProjectWithRepo(api, 'DOCKER');
  const images = { '1.0': buildImage([300_000, 1000]), '2.0': buildImage([200_000]), '3.0': buildImage([100_000]) };
  for (const [tag, image] of Object.entries(images)) await pushImageToFerry(ferry.url, { ...repo, image: 'app', tag }, image);
  await pushToRegistry(`${namespace}/app`, '2.0', images['2.0']);
  await pushToRegistry(`${namespace}/app`, '3.0', buildImage([5000]));
  return { repo, images };
}

describe('plans against a registry', () => {
  it('says COPY, SKIP and CONFLICT per image of a saved config, the bytes to move and the time, and writes nothing', async () => {
    const namespace = uniqueName('ns');
    const { repo, images } = await imagesAgainstRegistry(`x/${namespace}`);
    await createConfig(api, repo, {
      name: 'nightly',
      registry: `http://${registry.host}/x/${namespace}`,
      replicaType: 'SCHEDULED',
      packageConstraints: [{ packageName: 'app' }],
      setting: { rateLimit: 100_000, conflictStrategy: 'SKIP' },
    });
    const before = await registryStorageListing(registry);

    const result = await plan(repo, { name: 'nightly' });

    expect(result).toMatchObject({
      name: 'nightly',
      kind: 'CONFIG',
      target: `registry ${registry.host}`,
      partial: false,
      partialReason: null,
    });
    const rows = byName(result);
    expect(rows['app:1.0']).toMatchObject({
      fate: 'COPY',
      digest: images['1.0'].manifest.digest,
      size: blobBytes(images['1.0']),
      targetDigest: null,
      bytesToMove: blobBytes(images['1.0']),
    });
    expect(rows['app:2.0']).toMatchObject({ fate: 'SKIP', targetDigest: images['2.0'].manifest.digest, bytesToMove: 0 });
    expect(rows['app:3.0']).toMatchObject({ fate: 'CONFLICT', conflictAction: 'SKIPPED', bytesToMove: 0 });
    expect(rows['app:3.0']?.targetDigest).not.toBe(images['3.0'].manifest.digest);
    const moving = blobBytes(images['1.0']);
    expect(result.totals).toEqual({
      artifacts: 3,
      byFate: { COPY: 1, SKIP: 1, CONFLICT: 1, FAIL: 0, UNKNOWN: 0 },
      sourceBytes: blobBytes(images['1.0']) + blobBytes(images['2.0']) + blobBytes(images['3.0']),
      bytesToMove: moving,
      rateLimit: 100_000,
      estimatedSeconds: Math.ceil(moving / 100_000),
      estimate: expect.stringMatching(/to move: about \d+ s at the rate limit of 98 KB\/s$/),
    });
    // Read-only: the registry's storage is exactly as before (no tag, no blob, no upload session).
    expect(await registryStorageListing(registry)).toEqual(before);
    expect(await registryUploadSessions(registry)).toEqual([]);
    expect(await registryTagDigest(registry, `x/${namespace}/app`, '1.0')).toBeNull();
  });

  it('plans an unsaved config body: OVERWRITE sends the conflicting image, FAST_FAIL fails the run; no rate means no time', async () => {
    const namespace = uniqueName('ns');
    const { repo, images } = await imagesAgainstRegistry(`y/${namespace}`);
    const body = (conflictStrategy: string) => ({
      config: {
        name: 'draft',
        registry: `http://${registry.host}/y/${namespace}`,
        replicaType: 'SCHEDULED',
        packageConstraints: [{ packageName: 'app', versions: ['3.0'] }],
        setting: { conflictStrategy },
      },
    });
    const overwrite = await plan(repo, body('OVERWRITE'));
    expect(overwrite.name).toBeNull();
    expect(overwrite.artifacts).toEqual([
      expect.objectContaining({
        name: 'app',
        version: '3.0',
        fate: 'CONFLICT',
        conflictAction: 'OVERWRITTEN',
        bytesToMove: blobBytes(images['3.0']),
      }),
    ]);
    expect(overwrite.totals).toMatchObject({ rateLimit: 0, estimatedSeconds: null });
    expect(overwrite.totals.estimate).toMatch(/no rate limit, so the time depends on the network/);
    const fastFail = await plan(repo, body('FAST_FAIL'));
    expect(fastFail.artifacts[0]).toMatchObject({ fate: 'CONFLICT', conflictAction: 'RUN_FAILS', bytesToMove: 0 });
    // Not saved.
    expect(dataOf(await api.get<unknown[]>(`/replication/api/remote/distribution/info/${repo.projectId}/${repo.repoName}/draft`))).toEqual(
      [],
    );
  });

  it('counts a blob two images share once, and one held only where Ferry knows no home as moving', async () => {
    const namespace = uniqueName('ns');
    const repo = await createProjectWithRepo(api, 'DOCKER');
    const base = buildImage([150_000]);
    await pushImageToFerry(ferry.url, { ...repo, image: 'one', tag: '1' }, base);
    await pushImageToFerry(ferry.url, { ...repo, image: 'two', tag: '1' }, base);
    const result = await plan(repo, {
      config: { name: 'shared', registry: `http://${registry.host}/z/${namespace}`, replicaType: 'SCHEDULED', setting: {} },
    });
    expect(result.totals.byFate.COPY).toBe(2);
    expect(result.totals.bytesToMove).toBe(blobBytes(base));
    await pushToRegistry(`z/${namespace}/one`, '1', base);
    const again = await plan(repo, {
      config: { name: 'shared', registry: `http://${registry.host}/z/${namespace}`, replicaType: 'SCHEDULED', setting: {} },
    });
    // Ferry did not push it there, so it knows no home to mount from: the run would send the blobs, and the plan says so.
    expect(byName(again)).toMatchObject({
      'one:1': { fate: 'SKIP', bytesToMove: 0 },
      'two:1': { fate: 'COPY', bytesToMove: blobBytes(base) },
    });
  });

  it('plans a run-once task by name and kind: a missing version is a FAIL, not a probe', async () => {
    const namespace = uniqueName('ns');
    const { repo, images } = await imagesAgainstRegistry(`w/${namespace}`);
    await createRunOnceTask(api, {
      ...repo,
      name: 'once',
      registry: `http://${registry.host}/w/${namespace}`,
      packageName: 'app',
      versions: ['1.0', '9.9'],
    });
    const result = await plan(repo, { name: 'once', kind: 'RUN_ONCE' });
    expect(result).toMatchObject({ name: 'once', kind: 'RUN_ONCE', partial: false });
    expect(byName(result)).toMatchObject({
      'app:1.0': { fate: 'COPY', bytesToMove: blobBytes(images['1.0']) },
      'app:9.9': { fate: 'FAIL', reason: expect.stringContaining('does not exist'), bytesToMove: 0 },
    });
    // Without kind the task is found too (no config has that name).
    expect((await plan(repo, { name: 'once' })).kind).toBe('RUN_ONCE');
    expectRefusal((await api.post(planPath(repo), { name: 'once', kind: 'CONFIG' })) as never, 404, 250310, 'not found');
  });

  it('answers within the budget with a partial plan when the target hangs', async () => {
    const hurriedApi = apiClient(hurried.url);
    const repo = await createProjectWithRepo(hurriedApi, 'DOCKER');
    for (const tag of ['a', 'b', 'c']) await pushImageToFerry(hurried.url, { ...repo, image: 'slow', tag }, buildImage([1000]));
    const started = performance.now();
    const result = await plan(
      repo,
      { config: { name: 'hang', registry: `http://127.0.0.1:${blackHolePort}/ns`, replicaType: 'SCHEDULED', setting: {} } },
      hurriedApi,
    );
    expect(performance.now() - started).toBeLessThan(8000);
    expect(result).toMatchObject({ partial: true, budgetSeconds: 1, totals: { byFate: { UNKNOWN: 3 }, bytesToMove: 0 } });
    expect(result.partialReason).toMatch(/time budget of 1 s ran out/);
    for (const row of result.artifacts) {
      expect(row).toMatchObject({ fate: 'UNKNOWN', bytesToMove: null, reason: expect.stringMatching(/budget of 1 s ran out/) });
    }
  });
});

describe('plans against a peer Ferry', () => {
  it('says COPY, SKIP and CONFLICT per file; content the peer already holds is linked, not sent; nothing is created there', async () => {
    const repo = await createProjectWithRepo(api, 'GENERIC');
    const remote = await createProjectWithRepo(peerApi, 'GENERIC');
    const held = randomBytes(100_000);
    const files: Record<string, Buffer> = {
      '/new.bin': randomBytes(80_000),
      '/same.bin': held,
      '/other.bin': randomBytes(70_000),
      '/copy.bin': held,
    };
    for (const [path, content] of Object.entries(files)) expect((await uploadFile(ferry.url, { ...repo, path }, content)).status).toBe(200);
    expect((await uploadFile(peer.url, { ...remote, path: '/same.bin' }, held, {}, PEER_PASSWORD)).status).toBe(200);
    expect((await uploadFile(peer.url, { ...remote, path: '/other.bin' }, randomBytes(10), {}, PEER_PASSWORD)).status).toBe(200);
    const cluster = await createClusterNode(api, { url: peer.url, password: PEER_PASSWORD });
    const projectsBefore = dataOf(await peerApi.get<unknown[]>('/repository/api/project/list'));

    const result = await plan(repo, {
      config: {
        name: 'tofiles',
        clusterId: cluster.id,
        remoteProjectId: remote.projectId,
        remoteRepoName: remote.repoName,
        replicaType: 'SCHEDULED',
        pathConstraints: ['/'],
        setting: { conflictStrategy: 'OVERWRITE' },
      },
    });

    const sha = (content: Buffer) => `sha256:${createHash('sha256').update(content).digest('hex')}`;
    expect(result.target).toBe(`cluster ${cluster.name}`);
    expect(byName(result)).toMatchObject({
      '/new.bin': { fate: 'COPY', bytesToMove: 80_000 },
      '/same.bin': { fate: 'SKIP', targetDigest: sha(held), bytesToMove: 0 },
      '/other.bin': { fate: 'CONFLICT', conflictAction: 'OVERWRITTEN', bytesToMove: 70_000 },
      // The peer holds this content (as /same.bin): a link, no bytes.
      '/copy.bin': { fate: 'COPY', bytesToMove: 0 },
    });
    expect(result.totals.bytesToMove).toBe(150_000);
    expect(dataOf(await peerApi.get<unknown[]>('/repository/api/project/list'))).toEqual(projectsBefore);
    const absent = await fetch(`${peer.url}/generic/${remote.projectId}/${remote.repoName}/new.bin`, {
      method: 'HEAD',
      headers: { Authorization: `Basic ${Buffer.from(`admin:${PEER_PASSWORD}`).toString('base64')}` },
    });
    expect(absent.status).toBe(404);
  });
});

describe('hostile and wrong input', () => {
  let repo: Repo;
  beforeAll(async () => {
    repo = await createProjectWithRepo(api, 'DOCKER');
  });

  it('names the field of an invalid unsaved config under config.', async () => {
    const base = { name: 'bad', registry: `http://${registry.host}/ns`, replicaType: 'SCHEDULED', setting: {} };
    expectRefusal(
      (await api.post(planPath(repo), { config: { ...base, setting: { rateLimit: -1 } } })) as never,
      400,
      250105,
      'config.setting.rateLimit',
    );
    expectRefusal((await api.post(planPath(repo), { config: { ...base, registry: 'ftp://x' } })) as never, 400, 250105, 'config.registry');
    expectRefusal((await api.post(planPath(repo), { config: { ...base, name: 'a\u0000b' } })) as never, 400, 250105, 'config.name');
  });

  it('refuses wrong types, both or neither of name and config, NUL, huge bodies and unknown names', async () => {
    expectRefusal((await api.post(planPath(repo), { name: 5 })) as never, 400, 250106, 'name');
    expectRefusal((await api.post(planPath(repo), { config: 'x' })) as never, 400, 250106, 'config');
    expectRefusal((await api.post(planPath(repo), {})) as never, 400, 250105, 'name');
    expectRefusal((await api.post(planPath(repo), { name: 'a', config: {} })) as never, 400, 250105, 'config');
    expectRefusal((await api.post(planPath(repo), { name: 'a', kind: 'OTHER' })) as never, 400, 250106, 'kind');
    const nul = await api.post(planPath(repo), { name: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.code).not.toBe(0);
    expectRefusal((await api.post(planPath(repo), { name: 'x'.repeat(129) })) as never, 400, 250105, 'name');
    const huge = await api.post(planPath(repo), { name: 'a', padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).not.toBe(0);
    expectRefusal((await api.post(planPath(repo), { name: 'nothing' })) as never, 404, 250310, 'nothing');
    expectRefusal((await api.post(planPath(repo), 'not json')) as never, 400, 250106);
  });

  it('answers unknown methods and paths, a missing repository, and refuses a VIEWER', async () => {
    const get = await api.get(planPath(repo));
    expect(get.status).toBe(405);
    expect(get.body.code).not.toBe(0);
    const deeper = await api.post(`${planPath(repo)}/extra`, { name: 'a' });
    expect(deeper.status).toBe(404);
    const missing = await api.post(`/replication/api/remote/distribution/plan/${repo.projectId}/nosuchrepo`, { name: 'a' });
    expect(missing.status).toBe(404);
    expect(missing.body.code).not.toBe(0);

    const viewer = { username: uniqueName('viewer'), password: 'viewer-password-1' };
    dataOf(await api.post('/repository/api/user/create', { userId: viewer.username, name: viewer.username, password: viewer.password }));
    dataOf(await api.post(`/repository/api/project/member/${repo.projectId}`, { userId: viewer.username, role: 'VIEWER' }));
    const refused = await apiClient(ferry.url, viewer).post(planPath(repo), { name: 'a' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).not.toBe(0);
    const anonymous = await apiClient(ferry.url, null).post(planPath(repo), { name: 'a' });
    expect(anonymous.status).toBe(401);
  });
});
