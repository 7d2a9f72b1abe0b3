import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { pushImageToFerry, uploadFile } from '../support/artifacts';
import { createClusterNode, createConfig, createImageRepo, createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { uniqueName } from '../support/harness';
import { ociClient } from '../support/oci-client';
import { buildImage } from '../support/oci-images';
import { expectRefusal } from '../support/refusal';
import { type RegistryServer, registryTagDigest, startRegistry } from '../support/registry';
import { setMember } from '../teams/support';

// Drift verify and repair against a real docker-registry and a second Ferry: what is changed at
// the target by hand shows up as MISSING, DIFFERENT or EXTRA, and a repair run brings it back.
const PEER_PASSWORD = 'peer-admin-password';
const METRICS_TOKEN = 'drift-metrics-token-0123456789';
const dist = '/replication/api/remote/distribution';
let ferry: FerryServer;
let peer: FerryServer;
let registry: RegistryServer;
let silent: Server;
let api: ApiClient;

beforeAll(async () => {
  [ferry, peer, registry] = await Promise.all([
    startFerry({
      env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200', FERRY_DRIFT_BUDGET_SECONDS: '4', FERRY_METRICS_TOKEN: METRICS_TOKEN },
    }),
    startFerry({ env: { FERRY_ADMIN_PASSWORD: PEER_PASSWORD } }),
    startRegistry(),
  ]);
  api = apiClient(ferry.url);
  // A registry that answers /v2/ and then never answers a manifest HEAD: the budget must end the check.
  silent = createServer((request, response) => {
    if (request.url === '/v2/') response.end('{}');
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
}, 120_000);
afterAll(async () => {
  silent?.closeAllConnections();
  silent?.close();
  await Promise.all([ferry?.stop(), peer?.stop(), registry?.stop()]);
});

type Check = {
  id: string;
  trigger: string;
  status: string;
  inSync: number;
  missing: number;
  different: number;
  extra: number;
  outOfSync: number;
  errorReason: string | null;
};
type Item = {
  state: string;
  artifactKind: string;
  artifactName: string;
  version: string | null;
  sourceDigest: string | null;
  targetDigest: string | null;
};
type Report = { check: Check | null; items: { totalRecords: number; records: Item[] } };
type Run = { id: string; status: string; trigger: string };
type Repo = { projectId: string; repoName: string };

const verify = async (repo: Repo, name: string) =>
  dataOf(await api.post<Check>(`${dist}/verify/${repo.projectId}/${repo.repoName}/${name}`));
const report = async (repo: Repo, name: string, query = '') =>
  dataOf(await api.get<Report>(`${dist}/drift/${repo.projectId}/${repo.repoName}/${name}${query}`));

async function lastRun(taskKey: string): Promise<Run | undefined> {
  return dataOf(await api.get<{ records: Run[] }>(`/replication/api/execution/list/${taskKey}`)).records[0];
}

async function runToEnd(repo: Repo, taskKey: string, action: 'run' | 'repair', name: string): Promise<Run> {
  const queued = dataOf(await api.post<{ executionId: string }>(`${dist}/${action}/${repo.projectId}/${repo.repoName}/${name}`));
  // Polled by hand: beforeAll hooks may not use expect.poll.
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const run = await lastRun(taskKey);
    if (run?.id === queued.executionId && /SUCCESS|FAILED/.test(run.status)) return run;
  }
  throw new Error(`run ${queued.executionId} did not end within 30 s`);
}

/** A config with the default setting (the create body requires one). */
const configure = <Info extends { taskKey: string } = { taskKey: string }>(repo: Repo, body: { name: string } & Record<string, unknown>) =>
  createConfig<Info>(api, repo, { setting: {}, ...body });

async function scrape(): Promise<string> {
  const response = await fetch(`${ferry.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  return response.text();
}

describe('images at a docker-registry', () => {
  let repo: Repo;
  let taskKey: string;
  const name = 'mirror_images';
  const ns = uniqueName('drift');
  const second = buildImage([30_000]);

  beforeAll(async () => {
    repo = await createImageRepo(api, ferry.url, { name: 'app', tag: '1.0' }, buildImage([20_000]));
    await pushImageToFerry(ferry.url, { ...repo, image: 'app', tag: '2.0' }, second);
    ({ taskKey } = await configure(repo, { name, registry: `http://${registry.host}/${ns}/mirror` }));
    expect((await runToEnd(repo, taskKey, 'run', name)).status).toBe('SUCCESS');
  });

  it('reports never checked, then in sync after a verify', async () => {
    expect(await report(repo, name)).toMatchObject({ check: null, items: { totalRecords: 0, records: [] } });
    const check = await verify(repo, name);
    expect(check).toMatchObject({ trigger: 'MANUAL', status: 'DONE', inSync: 2, missing: 0, different: 0, extra: 0, outOfSync: 0 });
  });

  it('finds a tag deleted, a tag changed and a tag added at the target by hand', async () => {
    const target = `${ns}/mirror/app`;
    const deleted = await registryTagDigest(registry, target, '1.0');
    const removal = await ociClient(registry.url, null).call(`/v2/${target}/manifests/${deleted}`, { method: 'DELETE' });
    expect(removal.status).toBe(202);
    // Pushed straight into the registry, as someone would by hand.
    const changed = buildImage([7000]);
    await pushImageToFerry(registry.url, { projectId: ns, repoName: 'mirror', image: 'app', tag: '2.0' }, changed);
    await pushImageToFerry(registry.url, { projectId: ns, repoName: 'mirror', image: 'app', tag: 'stray' }, buildImage([8000]));

    const check = await verify(repo, name);
    expect(check).toMatchObject({ status: 'DONE', inSync: 0, missing: 1, different: 1, extra: 1, outOfSync: 3 });
    const { items } = await report(repo, name);
    expect(items.records.map((item) => [item.state, item.artifactName, item.version])).toEqual([
      ['DIFFERENT', 'app', '2.0'],
      ['EXTRA', 'app', 'stray'],
      ['MISSING', 'app', '1.0'],
    ]);
    expect(items.records[0]?.targetDigest).toBe(changed.manifest.digest);
    const missingOnly = await report(repo, name, '?state=MISSING&pageSize=1');
    expect(missingOnly.items).toMatchObject({ totalRecords: 1, records: [{ state: 'MISSING', targetDigest: null }] });

    // The configs list's summary and the gauge say the same.
    const summaries = dataOf(await api.get<Array<{ name: string; check: Check }>>(`${dist}/drift/${repo.projectId}/${repo.repoName}`));
    expect(summaries).toEqual([expect.objectContaining({ name, check: expect.objectContaining({ outOfSync: 3 }) })]);
    const metrics = await scrape();
    expect(metrics).toContain(`ferry_drift_out_of_sync_artifacts{task_key="${taskKey}",state="MISSING"} 1`);
    expect(metrics).toContain(`ferry_drift_out_of_sync_artifacts{task_key="${taskKey}",state="EXTRA"} 1`);
  });

  it('repairs the missing and different tags (overwriting despite conflict strategy SKIP); the next verify is in sync but for the extra tag', async () => {
    const run = await runToEnd(repo, taskKey, 'repair', name);
    expect(run).toMatchObject({ status: 'SUCCESS', trigger: 'REPAIR' });
    const details = dataOf(
      await api.get<{ records: Array<{ version: string; status: string }> }>(`/replication/api/execution/details/${run.id}`),
    );
    expect(details.records.map((d) => `${d.version}:${d.status}`).sort()).toEqual(['1.0:SUCCESS', '2.0:SUCCESS']);
    expect(await registryTagDigest(registry, `${ns}/mirror/app`, '2.0')).toBe(second.manifest.digest);
    const check = await verify(repo, name);
    expect(check).toMatchObject({ status: 'DONE', inSync: 2, missing: 0, different: 0, extra: 1 });
    const metrics = await scrape();
    expect(metrics).toContain(`ferry_drift_out_of_sync_artifacts{task_key="${taskKey}",state="DIFFERENT"} 0`);
  });

  it('refuses a repair when the last check found nothing missing or different', async () => {
    const response = await api.post(`${dist}/repair/${repo.projectId}/${repo.repoName}/${name}`);
    expectRefusal(response, 409, 250113, 'Nothing to repair');
  });
});

describe('files at a peer Ferry', () => {
  let repo: Repo;
  let taskKey: string;
  const name = 'mirror_files';
  const remote = { projectId: uniqueName('peerdrift'), repoName: 'files' };

  beforeAll(async () => {
    repo = await createProjectWithRepo(api, 'GENERIC');
    for (const [path, content] of [
      ['/a.txt', 'alpha'],
      ['/dir/b.txt', 'bravo'],
      ['/dir/c.txt', 'charlie'],
    ] as const) {
      expect((await uploadFile(ferry.url, { ...repo, path }, Buffer.from(content))).status).toBe(200);
    }
    const cluster = await createClusterNode(api, { url: peer.url, username: 'admin', password: PEER_PASSWORD });
    ({ taskKey } = await configure(repo, {
      name,
      clusterId: cluster.id,
      remoteProjectId: remote.projectId,
      remoteRepoName: remote.repoName,
      replicaType: 'REAL_TIME',
      setting: { conflictStrategy: 'FAST_FAIL' },
    }));
    expect((await runToEnd(repo, taskKey, 'run', name)).status).toBe('SUCCESS');
  });

  it('is in sync after the run', async () => {
    expect(await verify(repo, name)).toMatchObject({ status: 'DONE', inSync: 3, outOfSync: 0 });
  });

  it('finds a file deleted, a file changed and a file added at the peer, and repairs the first two', async () => {
    const auth = { Authorization: `Basic ${Buffer.from(`admin:${PEER_PASSWORD}`).toString('base64')}` };
    const base = `${peer.url}/generic/${remote.projectId}/${remote.repoName}`;
    expect((await fetch(`${base}/dir/b.txt`, { method: 'DELETE', headers: auth })).status).toBe(200);
    expect((await uploadFile(peer.url, { ...remote, path: '/a.txt' }, Buffer.from('changed'), {}, PEER_PASSWORD)).status).toBe(200);
    expect((await uploadFile(peer.url, { ...remote, path: '/dir/sub/extra.txt' }, Buffer.from('x'), {}, PEER_PASSWORD)).status).toBe(200);

    expect(await verify(repo, name)).toMatchObject({ status: 'DONE', inSync: 1, missing: 1, different: 1, extra: 1 });
    const { items } = await report(repo, name);
    expect(items.records.map((item) => [item.state, item.artifactName])).toEqual([
      ['DIFFERENT', '/a.txt'],
      ['EXTRA', '/dir/sub/extra.txt'],
      ['MISSING', '/dir/b.txt'],
    ]);

    // FAST_FAIL would stop at the changed file: a repair overwrites it instead.
    expect(await runToEnd(repo, taskKey, 'repair', name)).toMatchObject({ status: 'SUCCESS', trigger: 'REPAIR' });
    expect(await verify(repo, name)).toMatchObject({ status: 'DONE', inSync: 3, missing: 0, different: 0, extra: 1 });
    expect(await (await fetch(`${base}/a.txt`, { headers: auth })).text()).toBe('alpha');
  });
});

describe('schedule, budget and refusals', () => {
  it('runs a check on verifyCron, shown in the config info, and stops when it is cleared', async () => {
    const repo = await createImageRepo(api, ferry.url, { name: 'cron', tag: '1' }, buildImage([1000]));
    const name = 'verified_often';
    const info = await configure<{ taskKey: string; verifyCron: string | null; nextVerifyTime: string | null }>(repo, {
      name,
      registry: `http://${registry.host}/${uniqueName('cron')}`,
      verifyCron: '*/2 * * * * ?',
    });
    expect(info.verifyCron).toBe('*/2 * * * * ?');
    expect(info.nextVerifyTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    await expect
      .poll(async () => (await report(repo, name)).check, { timeout: 20_000, interval: 500 })
      .toMatchObject({ trigger: 'SCHEDULE', status: 'DONE', missing: 1 });
    dataOf(await api.post(`${dist}/update/${repo.projectId}/${repo.repoName}/${name}`, { verifyCron: '' }));
    const [after] = dataOf(
      await api.get<Array<{ verifyCron: string | null; nextVerifyTime: string | null }>>(
        `${dist}/info/${repo.projectId}/${repo.repoName}/${name}`,
      ),
    );
    expect(after).toMatchObject({ verifyCron: null, nextVerifyTime: null });
  });

  it('ends PARTIAL when the target does not answer within the budget', async () => {
    const repo = await createImageRepo(api, ferry.url, { name: 'slow', tag: '1' }, buildImage([1000]));
    const port = (silent.address() as AddressInfo).port;
    await configure(repo, { name: 'to_silence', registry: `http://127.0.0.1:${port}/ns` });
    const started = Date.now();
    const check = await verify(repo, 'to_silence');
    expect(check).toMatchObject({ status: 'PARTIAL', inSync: 0, missing: 0, errorReason: expect.stringContaining('budget') });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses a bad verifyCron naming the field, and stores nothing', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    const bad = await api.post(`${dist}/create/${repo.projectId}/${repo.repoName}`, {
      configs: [{ name: 'bad_cron', registry: `http://${registry.host}/x`, setting: {}, verifyCron: '61 * * * *' }],
    });
    expectRefusal(bad, 400, 250105, 'configs[0].verifyCron');
    const wrongType = await api.post(`${dist}/create/${repo.projectId}/${repo.repoName}`, {
      configs: [{ name: 'bad_cron', registry: `http://${registry.host}/x`, setting: {}, verifyCron: 5 }],
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toContain('verifyCron');
    await configure(repo, { name: 'good_cron', registry: `http://${registry.host}/x` });
    const update = await api.post(`${dist}/update/${repo.projectId}/${repo.repoName}/good_cron`, { verifyCron: '* * *' });
    expectRefusal(update, 400, 250105, 'verifyCron');
    expect(dataOf(await api.get<unknown[]>(`${dist}/info/${repo.projectId}/${repo.repoName}`))).toHaveLength(1);
  });

  it('answers hostile input with clear refusals', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    await configure(repo, { name: 'hostile', registry: `http://${registry.host}/x` });
    const path = `${repo.projectId}/${repo.repoName}`;
    expectRefusal(await api.post(`${dist}/verify/${path}/nobody`), 404, 250310, 'nobody');
    expectRefusal(await api.post(`${dist}/verify/${repo.projectId}/ghost/hostile`), 404, 251006);
    expectRefusal(await api.post(`${dist}/repair/${path}/hostile`), 409, 250113, 'verify it first');
    expectRefusal(await api.get(`${dist}/drift/${path}/hostile?state=BOGUS`), 400, 250106, 'state');
    expectRefusal(await api.get(`${dist}/drift/${path}/hostile?pageSize=100000`), 400, 250105, 'pageSize');
    const nul = await api.post(`${dist}/verify/${path}/a%00b`);
    expect(nul.status).toBeGreaterThanOrEqual(400);
    expect(nul.status).toBeLessThan(500);
    expect(nul.body.code).not.toBe(0);
    const huge = await api.post(`${dist}/verify/${path}/${'x'.repeat(5000)}`);
    expect([huge.status, huge.body.code === 0]).toEqual([404, false]);
    expectRefusal(await api.get(`${dist}/verify/${path}/hostile`), 405, 250110);
    expectRefusal(await api.delete(`${dist}/repair/${path}/hostile`), 405, 250110);
    expectRefusal(await api.post(`${dist}/drift/${path}/hostile`), 405, 250110);
    expect((await report(repo, 'hostile')).check).toBeNull();
  });

  it('lets a VIEWER read drift but not verify or repair; hides it from non-members', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    await configure(repo, { name: 'guarded', registry: `http://${registry.host}/x` });
    const viewer = uniqueName('viewer');
    const outsider = uniqueName('outsider');
    for (const userId of [viewer, outsider]) {
      dataOf(await api.post('/repository/api/user/create', { userId, name: userId, password: 'password-123', admin: false }));
    }
    await setMember(api, repo.projectId, viewer, 'VIEWER');
    const asViewer = apiClient(ferry.url, { username: viewer, password: 'password-123' });
    const asOutsider = apiClient(ferry.url, { username: outsider, password: 'password-123' });
    const path = `${repo.projectId}/${repo.repoName}/guarded`;
    expect(dataOf(await asViewer.get<Report>(`${dist}/drift/${path}`)).check).toBeNull();
    expectRefusal(await asViewer.post(`${dist}/verify/${path}`), 403, 250114);
    expectRefusal(await asViewer.post(`${dist}/repair/${path}`), 403, 250114);
    expect((await asOutsider.get(`${dist}/drift/${path}`)).status).toBe(404);
    expect((await asOutsider.post(`${dist}/verify/${path}`)).status).toBe(404);
    expect((await report({ projectId: repo.projectId, repoName: repo.repoName }, 'guarded')).check).toBeNull();
  });
});
