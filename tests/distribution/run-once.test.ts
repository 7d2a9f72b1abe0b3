import { describe, expect, it } from 'vitest';
import { dataOf } from '../support/api-client';
import { createClusterNode, createProjectWithRepo, createRunOnceTask } from '../support/factories';
import { ferryForFile } from '../support/ferry-for-file';
import { expectRefusal } from '../support/refusal';

const ferry = ferryForFile();

const url = (verb: string, projectId: string, repoName: string, name?: string) =>
  `/replication/api/remote/distribution/${verb}/${projectId}/${repoName}${name === undefined ? '' : `?name=${encodeURIComponent(name)}`}`;

type Status = {
  id: string;
  taskKey: string;
  status: string;
  startTime: string | null;
  endTime: string | null;
  errorReason: string | null;
  progress: Record<string, number>;
};

// The spec's three examples, placeholders filled in.
const imageTask = {
  name: 'push_nginx',
  registry: 'registry.example.com/library',
  username: 'robot',
  password: 'run-once-secret',
  packageName: 'nginx',
  versions: ['1.1'],
  targetVersions: ['1.2', '1.3'],
  description: 'from pipeline 42',
};

describe('documented run-once examples', () => {
  it('creates the heterogeneous image task, reports null before execute, then a RUNNING record', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const created = await ferry.api.post(url('create/runOnceTask', projectId, repoName), imageTask);
    expect(created.body).toMatchObject({ code: 0, message: null, data: null });
    expect(dataOf(await ferry.api.get(url('get/runOnceTaskStatus', projectId, repoName, 'push_nginx')))).toBeNull();
    dataOf(await ferry.api.post(url('execute/runOnceTask', projectId, repoName, 'push_nginx')));
    const status = dataOf(await ferry.api.get<Status>(url('get/runOnceTaskStatus', projectId, repoName, 'push_nginx')));
    expect(status).toMatchObject({ status: 'RUNNING', endTime: null, errorReason: null });
    expect(status.id).toMatch(/^[0-9a-f]{24}$/);
    expect(status.taskKey).toMatch(/^[0-9a-f]{32}$/);
    expect(status.startTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/);
    expect(status.progress).toMatchObject({ totalItems: 0, doneItems: 0, totalBytes: 0, doneBytes: 0 });
    expect(ferry.server.output()).not.toContain('run-once-secret');
  });

  it('creates the homogeneous package and path tasks', async () => {
    const cluster = await createClusterNode(ferry.api);
    const toPeer = { clusterId: cluster.id, remoteProjectId: 'rp', remoteRepoName: 'rr', description: 'x' };
    const docker = await createProjectWithRepo(ferry.api, 'DOCKER');
    await createRunOnceTask(ferry.api, { ...docker, name: 'pkg', ...toPeer, packageName: 'nginx', versions: ['1.1'] });
    const generic = await createProjectWithRepo(ferry.api, 'GENERIC');
    await createRunOnceTask(ferry.api, { ...generic, name: 'paths', ...toPeer, pathConstraints: ['/a.txt'] });
    expect(dataOf(await ferry.api.get(url('get/runOnceTaskStatus', generic.projectId, generic.repoName, 'paths')))).toBeNull();
  });
});

describe('running guard', () => {
  it('refuses a second execute, a redefinition and a delete while the run is queued or running', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    dataOf(await ferry.api.post(url('create/runOnceTask', projectId, repoName), imageTask));
    dataOf(await ferry.api.post(url('execute/runOnceTask', projectId, repoName, 'push_nginx')));
    for (const response of [
      await ferry.api.post(url('execute/runOnceTask', projectId, repoName, 'push_nginx')),
      await ferry.api.post(url('create/runOnceTask', projectId, repoName), { ...imageTask, description: 'changed' }),
      await ferry.api.delete(url('delete/runOnceTask', projectId, repoName, 'push_nginx')),
    ]) {
      expectRefusal(response, 409, 250303);
    }
    expect(dataOf(await ferry.api.get<Status>(url('get/runOnceTaskStatus', projectId, repoName, 'push_nginx'))).status).toBe('RUNNING');
  });

  it('lets exactly one of several concurrent executes through', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    dataOf(await ferry.api.post(url('create/runOnceTask', projectId, repoName), imageTask));
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => ferry.api.post(url('execute/runOnceTask', projectId, repoName, 'push_nginx'))),
    );
    expect(responses.filter((r) => r.body.code === 0)).toHaveLength(1);
    expect(responses.filter((r) => r.body.code === 250303)).toHaveLength(5);
  });
});

describe('lookups and delete', () => {
  it('deletes a task that is not running; deleting an unknown name is a no-op success', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    dataOf(await ferry.api.post(url('create/runOnceTask', projectId, repoName), imageTask));
    dataOf(await ferry.api.delete(url('delete/runOnceTask', projectId, repoName, 'push_nginx')));
    const status = await ferry.api.get(url('get/runOnceTaskStatus', projectId, repoName, 'push_nginx'));
    expectRefusal(status, 404, 250310);
    const unknown = await ferry.api.delete(url('delete/runOnceTask', projectId, repoName, 'never_existed'));
    expect(unknown.body).toMatchObject({ code: 0, data: null });
  });

  it('answers 250310 for execute and status of an unknown task and 250103 without ?name', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const execute = await ferry.api.post(url('execute/runOnceTask', projectId, repoName, 'ghost'));
    expectRefusal(execute, 404, 250310);
    const status = await ferry.api.get(url('get/runOnceTaskStatus', projectId, repoName, 'ghost'));
    expectRefusal(status, 404, 250310);
    const noName = await ferry.api.post(url('execute/runOnceTask', projectId, repoName));
    expect([noName.status, noName.body.code, noName.body.message]).toEqual([400, 250103, 'Parameter [name] is missing']);
  });
});

describe('run-once validation', () => {
  const cases: Array<[string, Record<string, unknown>, 'DOCKER' | 'GENERIC', number, number, string]> = [
    [
      'packageName without versions',
      { versions: undefined, targetVersions: undefined },
      'DOCKER',
      400,
      250103,
      'Parameter [versions] is missing',
    ],
    [
      'versions without packageName',
      { packageName: undefined, targetVersions: undefined },
      'DOCKER',
      400,
      250103,
      'Parameter [packageName] is missing',
    ],
    ['targetVersions with two versions', { versions: ['1.1', '1.2'] }, 'DOCKER', 400, 250105, 'Parameter [targetVersions] is invalid'],
    [
      'targetVersions on a GENERIC repository',
      { registry: undefined, clusterId: 'CLUSTER', remoteProjectId: 'p', remoteRepoName: 'r' },
      'GENERIC',
      400,
      250105,
      'Parameter [targetVersions] is invalid',
    ],
    [
      'neither a package nor a path',
      { packageName: undefined, versions: undefined, targetVersions: undefined },
      'DOCKER',
      400,
      250103,
      'Parameter [packageName] is missing',
    ],
    [
      'both clusterId and registry',
      { clusterId: 'CLUSTER', remoteProjectId: 'p', remoteRepoName: 'r' },
      'DOCKER',
      400,
      250105,
      'Parameter [clusterId] is invalid',
    ],
    ['neither clusterId nor registry', { registry: undefined }, 'DOCKER', 400, 250105, 'Parameter [registry] is invalid'],
    [
      'a traversal path',
      { packageName: undefined, versions: undefined, targetVersions: undefined, pathConstraints: ['/../../etc/passwd'] },
      'DOCKER',
      400,
      250105,
      'Parameter [pathConstraints[0]] is invalid',
    ],
    ['an invalid name', { name: 'bad name!' }, 'DOCKER', 400, 250105, 'Parameter [name] is invalid'],
  ];

  it.each(cases)('rejects %s and stores nothing', async (_label, overrides, type, status, code, message) => {
    const cluster = await createClusterNode(ferry.api);
    const { projectId, repoName } = await createProjectWithRepo(ferry.api, type);
    const body = JSON.parse(JSON.stringify({ ...imageTask, ...overrides }).replaceAll('"CLUSTER"', JSON.stringify(cluster.id)));
    const response = await ferry.api.post(url('create/runOnceTask', projectId, repoName), body);
    expect(response.body.message).toContain(message);
    expect([response.status, response.body.code]).toEqual([status, code]);
    const lookup = await ferry.api.get(url('get/runOnceTaskStatus', projectId, repoName, String(body.name)));
    expect(lookup.body.code).toBe(250310);
  });
});
