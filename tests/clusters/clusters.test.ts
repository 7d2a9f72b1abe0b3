import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { createClusterNode, createConfigs, createProjectWithRepo } from '../support/factories';
import { ADMIN_PASSWORD, type FerryServer, startFerry } from '../support/ferry-server';
import { freePort, uniqueName } from '../support/harness';
import { expectRefusal } from '../support/refusal';

let server: FerryServer;
let peer: FerryServer;
let api: ApiClient;
let impostor: Server;
let impostorUrl: string;

beforeAll(async () => {
  [server, peer] = await Promise.all([startFerry(), startFerry({ env: { FERRY_ADMIN_PASSWORD: 'peer-admin-password' } })]);
  api = apiClient(server.url);
  // Answers everything with 200 JSON, like a web server that is not Ferry.
  impostor = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"code":0,"data":{}}'));
  const port = await freePort();
  await new Promise<void>((resolve) => impostor.listen(port, '127.0.0.1', resolve));
  impostorUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  impostor?.close();
  await Promise.all([server?.stop(), peer?.stop()]);
});

type Cluster = {
  id: string;
  name: string;
  url: string;
  username: string | null;
  password: null;
  type: string;
  status: string | null;
  errorReason: string | null;
};

describe('cluster records', () => {
  it('creates, reads by id and name, lists, checks existence, and never returns the password', async () => {
    const name = uniqueName('edge');
    const created = dataOf(
      await api.post<Cluster>('/replication/api/cluster/create', {
        name,
        url: 'http://127.0.0.1:9/',
        username: 'u',
        password: 'cluster-pass-1',
        type: 'EDGE',
      }),
    );
    expect(created).toMatchObject({ name, url: 'http://127.0.0.1:9', username: 'u', password: null, type: 'EDGE', status: null });
    expect(dataOf(await api.get<Cluster>(`/replication/api/cluster/info/${created.id}`)).name).toBe(name);
    expect(dataOf(await api.get<Cluster>(`/replication/api/cluster/info?name=${name}`)).id).toBe(created.id);
    const edges = dataOf(await api.get<Cluster[]>(`/replication/api/cluster/list?type=EDGE&name=${name.slice(0, 8)}`));
    expect(edges.map((c) => c.id)).toContain(created.id);
    expect(dataOf(await api.get<Cluster[]>('/replication/api/cluster/list?type=CENTER')).map((c) => c.id)).not.toContain(created.id);
    expect(dataOf(await api.get(`/replication/api/cluster/exist?name=${name}`))).toBe(true);
    expect(dataOf(await api.get(`/replication/api/cluster/exist?name=${name}x`))).toBe(false);
    const all = await api.get('/replication/api/cluster/list');
    expect(JSON.stringify(all.body)).not.toContain('cluster-pass-1');
  });

  it('rejects a duplicate name with 250305, a bad URL with 250105 and a bad type with 250106', async () => {
    const cluster = await createClusterNode(api);
    const duplicate = await api.post('/replication/api/cluster/create', { name: cluster.name, url: 'http://127.0.0.1:9' });
    expectRefusal(duplicate, 409, 250305);
    const badUrl = await api.post('/replication/api/cluster/create', { name: uniqueName('c'), url: 'ftp://x' });
    expectRefusal(badUrl, 400, 250105, '[url]');
    const badType = await api.post('/replication/api/cluster/create', { name: uniqueName('c'), url: 'http://127.0.0.1:9', type: 'REMOTE' });
    expectRefusal(badType, 400, 250106);
  });

  it('updates by name, keeping an omitted password', async () => {
    const cluster = await createClusterNode(api, { url: peer.url, password: 'peer-admin-password' });
    const updated = dataOf(await api.post<Cluster>('/replication/api/cluster/update', { name: cluster.name, type: 'CENTER' }));
    expect(updated.type).toBe('CENTER');
    const connected = dataOf(await api.post<Cluster>(`/replication/api/cluster/tryConnect?name=${cluster.name}`));
    expect(connected.status).toBe('HEALTHY');
  });

  it('answers 250306 for unknown ids and names', async () => {
    for (const response of [
      await api.get('/replication/api/cluster/info/000000000000000000000000'),
      await api.get('/replication/api/cluster/info?name=nope'),
      await api.delete('/replication/api/cluster/delete/000000000000000000000000'),
      await api.post('/replication/api/cluster/update', { name: 'nope', type: 'EDGE' }),
    ]) {
      expectRefusal(response, 404, 250306);
    }
  });

  it('refuses to delete a cluster that a config targets, and deletes it afterwards', async () => {
    const cluster = await createClusterNode(api);
    const { projectId, repoName } = await createProjectWithRepo(api, 'GENERIC');
    await createConfigs(api, { projectId, repoName }, [
      { name: 'to_cluster', clusterId: cluster.id, remoteProjectId: 'p', remoteRepoName: 'r', setting: {} },
    ]);
    const refused = await api.delete(`/replication/api/cluster/delete/${cluster.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('to_cluster');
    dataOf(await api.delete(`/replication/api/remote/distribution/delete/${projectId}/${repoName}/to_cluster`));
    dataOf(await api.delete(`/replication/api/cluster/delete/${cluster.id}`));
    expect(dataOf(await api.get(`/replication/api/cluster/exist?name=${cluster.name}`))).toBe(false);
  });
});

describe('tryConnect against real peers', () => {
  it('records HEALTHY for a second Ferry instance with the right credentials', async () => {
    const cluster = await createClusterNode(api, { url: peer.url, username: 'admin', password: 'peer-admin-password' });
    const result = dataOf(await api.post<Cluster>(`/replication/api/cluster/tryConnect?name=${cluster.name}`));
    expect(result).toMatchObject({ status: 'HEALTHY', errorReason: null });
  });

  it('records UNHEALTHY with a 401 reason for a wrong password', async () => {
    const cluster = await createClusterNode(api, { url: peer.url, username: 'admin', password: ADMIN_PASSWORD });
    const result = await api.post(`/replication/api/cluster/tryConnect?name=${cluster.name}`);
    expect(result.body.code).toBe(250301);
    expect(result.body.message).toContain('check the username/password');
    const info = dataOf(await api.get<Cluster>(`/replication/api/cluster/info/${cluster.id}`));
    expect(info.status).toBe('UNHEALTHY');
    expect(info.errorReason).toContain('401');
  });

  it('records UNHEALTHY when nothing listens, and when the server is not Ferry', async () => {
    const closedPort = await freePort();
    const down = await createClusterNode(api, { url: `http://127.0.0.1:${closedPort}` });
    const downResult = await api.post(`/replication/api/cluster/tryConnect?name=${down.name}`);
    expect(downResult.body.code).toBe(250301);
    expect(dataOf(await api.get<Cluster>(`/replication/api/cluster/info/${down.id}`)).errorReason).toContain('is not reachable');
    const fake = await createClusterNode(api, { url: impostorUrl });
    const fakeResult = await api.post(`/replication/api/cluster/tryConnect?name=${fake.name}`);
    expect(fakeResult.body.code).toBe(250301);
    expect(dataOf(await api.get<Cluster>(`/replication/api/cluster/info/${fake.id}`)).errorReason).toContain('not as a Ferry cluster');
  });
});
