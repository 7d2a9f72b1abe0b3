import { describe, expect, it } from 'vitest';
import { dataOf } from '../support/api-client';
import { createConfigs } from '../support/factories';
import { ferryForFile } from '../support/ferry-for-file';
import { uniqueName } from '../support/harness';
import { expectRefusal } from '../support/refusal';

const ferry = ferryForFile();

type Project = { name: string; displayName: string; createdBy: string; createdDate: string };
type Repo = { projectId: string; name: string; type: string; category: string; public: boolean };

describe('projects', () => {
  it('creates a project and lists it with audit fields in the local time format', async () => {
    const api = ferry.api;
    const name = uniqueName('p');
    const created = dataOf(
      await api.post<Project>('/repository/api/project/create', { name, displayName: 'My project', description: 'd' }),
    );
    expect(created).toMatchObject({ name, displayName: 'My project', createdBy: 'admin' });
    expect(created.createdDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/);
    const list = dataOf(await api.get<Project[]>('/repository/api/project/list'));
    expect(list.map((p) => p.name)).toContain(name);
  });

  it('rejects a duplicate project name with 250107 / 409', async () => {
    const api = ferry.api;
    const name = uniqueName('p');
    dataOf(await api.post('/repository/api/project/create', { name }));
    const again = await api.post('/repository/api/project/create', { name });
    expectRefusal(again, 409, 250107);
  });

  it('names the field of an invalid or missing project name', async () => {
    const api = ferry.api;
    const invalid = await api.post('/repository/api/project/create', { name: '1bad name' });
    expectRefusal(invalid, 400, 250105, 'Parameter [name] is invalid');
    const missing = await api.post('/repository/api/project/create', { displayName: 'x' });
    expect([missing.status, missing.body.code, missing.body.message]).toEqual([400, 250103, 'Parameter [name] is missing']);
  });
});

describe('repositories', () => {
  /** A fresh project without repositories: each test makes its own. */
  async function emptyProject(): Promise<string> {
    const projectId = uniqueName('p');
    dataOf(await ferry.api.post('/repository/api/project/create', { name: projectId }));
    return projectId;
  }

  it('creates GENERIC and DOCKER repositories with bk-repo defaults and lists them', async () => {
    const api = ferry.api;
    const projectId = await emptyProject();
    const generic = dataOf(await api.post<Repo>('/repository/api/repo/create', { projectId, name: 'files', type: 'GENERIC' }));
    expect(generic).toMatchObject({ projectId, name: 'files', type: 'GENERIC', category: 'LOCAL', public: false });
    dataOf(await api.post('/repository/api/repo/create', { projectId, name: 'images', type: 'DOCKER', public: true }));
    const list = dataOf(await api.get<Repo[]>(`/repository/api/repo/list/${projectId}`));
    expect(list.map((r) => [r.name, r.type, r.public])).toEqual([
      ['files', 'GENERIC', false],
      ['images', 'DOCKER', true],
    ]);
  });

  it('rejects an unknown type with 250106, an unknown project with 404, and a duplicate with 250107', async () => {
    const api = ferry.api;
    const projectId = await emptyProject();
    const badType = await api.post('/repository/api/repo/create', { projectId, name: 'x1', type: 'MAVEN' });
    expectRefusal(badType, 400, 250106, '[type]');
    const noProject = await api.post('/repository/api/repo/create', { projectId: 'missing-project', name: 'x1', type: 'GENERIC' });
    expect(noProject.status).toBe(404);
    expect(noProject.body.message).toContain('missing-project');
    dataOf(await api.post('/repository/api/repo/create', { projectId, name: 'x1', type: 'GENERIC' }));
    const duplicate = await api.post('/repository/api/repo/create', { projectId, name: 'x1', type: 'GENERIC' });
    expectRefusal(duplicate, 409, 250107);
  });

  it('refuses DOCKER repositories whose names cannot appear in OCI image names', async () => {
    const api = ferry.api;
    const projectId = await emptyProject();
    const upper = await api.post('/repository/api/repo/create', { projectId, name: 'Images', type: 'DOCKER' });
    expectRefusal(upper, 400, 250105, '[name]');
    const list = dataOf(await api.get<Repo[]>(`/repository/api/repo/list/${projectId}`));
    expect(list).toEqual([]);
  });

  it('deletes a repository together with its distribution configs', async () => {
    const api = ferry.api;
    const projectId = await emptyProject();
    dataOf(await api.post('/repository/api/repo/create', { projectId, name: 'gone', type: 'DOCKER' }));
    await createConfigs(api, { projectId, repoName: 'gone' }, [
      { name: 'mirror', registry: '127.0.0.1:5000/ns', replicaType: 'REAL_TIME', setting: {} },
    ]);
    dataOf(await api.delete(`/repository/api/repo/delete/${projectId}/gone`));
    expect(dataOf(await api.get<Repo[]>(`/repository/api/repo/list/${projectId}`))).toEqual([]);
    const info = await api.get(`/replication/api/remote/distribution/info/${projectId}/gone`);
    expectRefusal(info, 404, 251006);
    const again = await api.delete(`/repository/api/repo/delete/${projectId}/gone`);
    expectRefusal(again, 404, 251006);
  });
});
