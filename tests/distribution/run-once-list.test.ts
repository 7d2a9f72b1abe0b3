import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';

let server: FerryServer;
let api: ApiClient;
beforeAll(async () => {
  server = await startFerry();
  api = apiClient(server.url);
});
afterAll(() => server?.stop());

type TaskInfo = {
  name: string;
  registry: string | null;
  password: null;
  hasPassword: boolean;
  packageName: string | null;
  versions: string[] | null;
  targetVersions: string[] | null;
  pathConstraints: { path: string }[] | null;
  status: { status: string; progress: { totalItems: number } } | null;
};

describe('GET /replication/api/remote/distribution/runOnceTask/list/{projectId}/{repoName}', () => {
  it('lists the run-once tasks of a repository by name with package, versions and their latest run', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api);
    const base = `/replication/api/remote/distribution`;
    dataOf(
      await api.post(`${base}/create/runOnceTask/${projectId}/${repoName}`, {
        name: 'push_nginx',
        registry: 'registry.example.com/library',
        password: 'secret-pass',
        packageName: 'nginx',
        versions: ['1.1'],
        targetVersions: ['1.2'],
      }),
    );
    dataOf(
      await api.post(`${base}/create/runOnceTask/${projectId}/${repoName}`, {
        name: 'a_first',
        registry: 'r.example.com/x',
        pathConstraints: ['/a'],
      }),
    );
    dataOf(await api.post(`${base}/execute/runOnceTask/${projectId}/${repoName}?name=push_nginx`));

    const tasks = dataOf(await api.get<TaskInfo[]>(`${base}/runOnceTask/list/${projectId}/${repoName}`));
    expect(tasks.map((t) => t.name)).toEqual(['a_first', 'push_nginx']);
    const [paths, image] = tasks;
    expect(paths).toMatchObject({ packageName: null, versions: null, pathConstraints: [{ path: '/a' }], status: null });
    expect(image).toMatchObject({
      registry: 'registry.example.com/library',
      password: null,
      hasPassword: true,
      packageName: 'nginx',
      versions: ['1.1'],
      targetVersions: ['1.2'],
      status: { status: 'RUNNING' },
    });
    expect(JSON.stringify(tasks)).not.toContain('secret-pass');
  });

  it('does not list distribution configs, and answers 251006 for an unknown repository', async () => {
    const { projectId, repoName } = await createProjectWithRepo(api);
    dataOf(
      await api.post(`/replication/api/remote/distribution/create/${projectId}/${repoName}`, {
        configs: [{ name: 'cfg_one', registry: 'r.example.com/x', replicaType: 'REAL_TIME', setting: {} }],
      }),
    );
    expect(dataOf(await api.get(`/replication/api/remote/distribution/runOnceTask/list/${projectId}/${repoName}`))).toEqual([]);
    const missing = await api.get(`/replication/api/remote/distribution/runOnceTask/list/${projectId}/nope_repo`);
    expect([missing.status, missing.body.code]).toEqual([404, 251006]);
  });
});
