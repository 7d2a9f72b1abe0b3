import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, dataOf } from '../support/api-client';
import { createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { expectRefusal } from '../support/refusal';
import { createToken, createUser, setMember } from './support';

let server: FerryServer;
beforeAll(async () => {
  server = await startFerry();
});
afterAll(() => server?.stop());

const config = (name: string) => ({ configs: [{ name, registry: 'http://127.0.0.1:9/ns', replicaType: 'SCHEDULED', setting: {} }] });

describe('project members', () => {
  it('adds, changes, lists and removes members; roles decide what each may do', async () => {
    const admin = apiClient(server.url);
    const { projectId, repoName } = await createProjectWithRepo(admin, 'DOCKER');
    const bob = await createUser(admin, server.url);
    const carol = await createUser(admin, server.url);

    // Not a member yet: the project does not exist for bob.
    expect(dataOf(await bob.api.get<Array<{ name: string }>>('/repository/api/project/list'))).toEqual([]);
    const hidden = await bob.api.get(`/repository/api/repo/list/${projectId}`);
    expect([hidden.status, hidden.body.code, hidden.body.message]).toEqual([404, 250108, `Project [${projectId}] not found`]);
    const hiddenRepo = await bob.api.get(`/replication/api/remote/distribution/info/${projectId}/${repoName}`);
    expect([hiddenRepo.status, hiddenRepo.body.message]).toEqual([404, `Repository [${projectId}/${repoName}] not found`]);

    expect(await setMember(admin, projectId, bob.userId, 'VIEWER')).toEqual({
      userId: bob.userId,
      name: `Name ${bob.userId}`,
      role: 'VIEWER',
    });
    expect(dataOf(await bob.api.get<Array<{ name: string }>>('/repository/api/project/list')).map((p) => p.name)).toEqual([projectId]);
    expect((await bob.api.get(`/replication/api/remote/distribution/info/${projectId}/${repoName}`)).status).toBe(200);
    const denied = await bob.api.post(`/replication/api/remote/distribution/create/${projectId}/${repoName}`, config('c1'));
    expect([denied.status, denied.body.code, denied.body.message]).toEqual([
      403,
      250114,
      `user [${bob.userId}] is VIEWER on project [${projectId}]; MAINTAINER is needed`,
    ]);
    expect((await bob.api.post(`/repository/api/project/member/${projectId}`, { userId: carol.userId, role: 'VIEWER' })).status).toBe(403);

    await setMember(admin, projectId, bob.userId, 'PROJECT_ADMIN');
    expect((await bob.api.post(`/replication/api/remote/distribution/create/${projectId}/${repoName}`, config('c1'))).status).toBe(200);
    // A project admin manages members, but creates no projects.
    dataOf(await bob.api.post(`/repository/api/project/member/${projectId}`, { userId: carol.userId, role: 'MAINTAINER' }));
    expect((await bob.api.post('/repository/api/project/create', { name: 'nope_project' })).status).toBe(403);
    const unknown = await bob.api.post(`/repository/api/project/member/${projectId}`, { userId: 'ghost-user', role: 'VIEWER' });
    expectRefusal(unknown, 404, 250108);
    expect(unknown.body.message).toMatch(/ghost-user/);

    const members = dataOf(await carol.api.get<Array<{ userId: string; role: string }>>(`/repository/api/project/member/${projectId}`));
    expect(members).toEqual(
      [
        { userId: bob.userId, name: `Name ${bob.userId}`, role: 'PROJECT_ADMIN' },
        { userId: carol.userId, name: `Name ${carol.userId}`, role: 'MAINTAINER' },
      ].sort((a, b) => a.userId.localeCompare(b.userId)),
    );
    const info = dataOf(await carol.api.get<{ roles: unknown[] }>('/repository/api/user/info'));
    expect(info.roles).toEqual([{ projectId, role: 'MAINTAINER' }]);

    dataOf(await bob.api.delete(`/repository/api/project/member/${projectId}/${carol.userId}`));
    expect((await carol.api.get(`/repository/api/project/member/${projectId}`)).status).toBe(404);
  });

  it('shows clusters to non-administrators without credentials, and lets only administrators change them', async () => {
    const admin = apiClient(server.url);
    const bob = await createUser(admin, server.url);
    const created = dataOf(
      await admin.post<{ id: string; name: string }>('/replication/api/cluster/create', {
        name: `cl${Date.now()}`,
        url: 'http://127.0.0.1:9',
        username: 'peer-user',
        password: 'cluster-secret-password',
        type: 'STANDALONE',
      }),
    );
    const seen = dataOf(await bob.api.get<Array<Record<string, unknown>>>('/replication/api/cluster/list')).find(
      (c) => c.id === created.id,
    );
    expect(seen).toEqual({
      id: created.id,
      name: created.name,
      url: expect.not.stringContaining('peer-pass'),
      type: 'STANDALONE',
      status: null,
    });
    expect(String(seen?.url)).not.toContain('peer-user');
    expect((await bob.api.post('/replication/api/cluster/update', { id: created.id, name: 'renamed' })).status).toBe(403);
    expect((await bob.api.delete(`/replication/api/cluster/delete/${created.id}`)).status).toBe(403);
    expect((await bob.api.post('/repository/api/admin/gc')).status).toBe(403);
    expect((await bob.api.get('/repository/api/admin/events')).status).toBe(403);
  });
});

describe('token scope', () => {
  it('caps a READ token at reading, hides other projects from a scoped token, and lists the scope', async () => {
    const admin = apiClient(server.url);
    const first = await createProjectWithRepo(admin, 'GENERIC');
    const second = await createProjectWithRepo(admin, 'GENERIC');
    const read = await createToken(admin, { projectId: first.projectId, access: 'READ' });
    expect(read).toMatchObject({ projectId: first.projectId, access: 'READ' });
    const viaRead = apiClient(server.url, { token: read.token });

    expect(dataOf(await viaRead.get<Array<{ name: string }>>('/repository/api/project/list')).map((p) => p.name)).toEqual([
      first.projectId,
    ]);
    expect((await viaRead.get(`/repository/api/repo/list/${first.projectId}`)).status).toBe(200);
    expect((await viaRead.get(`/repository/api/repo/list/${second.projectId}`)).status).toBe(404);
    const write = await viaRead.post(`/replication/api/remote/distribution/create/${first.projectId}/${first.repoName}`, config('c'));
    expect([write.status, write.body.message]).toEqual([403, expect.stringMatching(/^token \[tok[0-9a-f]+\] is READ; WRITE is needed$/)]);
    const upload = await fetch(`${server.url}/generic/${first.projectId}/${first.repoName}/a.txt`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${read.token}` },
      body: 'hi',
    });
    expect(upload.status).toBe(403);
    // An administrator's scoped token manages no users or clusters.
    expect((await viaRead.get('/repository/api/user/list')).status).toBe(403);
    expect(dataOf(await viaRead.get<{ token: unknown }>('/repository/api/user/info')).token).toEqual({
      projectId: first.projectId,
      access: 'READ',
    });

    const listed = dataOf(await admin.get<Array<{ projectId: string | null; access: string }>>('/repository/api/token/list'));
    expect(listed).toContainEqual(expect.objectContaining({ projectId: first.projectId, access: 'READ' }));
    expect(listed.every((t) => t.access === 'READ' || t.access === 'WRITE')).toBe(true);
  });

  it('refuses a scope on a project the owner cannot see, and a token never exceeds its owner', async () => {
    const admin = apiClient(server.url);
    const { projectId, repoName } = await createProjectWithRepo(admin, 'DOCKER');
    const bob = await createUser(admin, server.url);
    const refused = await bob.api.post('/repository/api/token/create', { name: 'scoped', projectId });
    expectRefusal(refused, 404, 250108);

    await setMember(admin, projectId, bob.userId, 'VIEWER');
    const token = await createToken(bob.api, { projectId });
    const viaToken = apiClient(server.url, { token: token.token });
    expect((await viaToken.get(`/replication/api/remote/distribution/info/${projectId}/${repoName}`)).status).toBe(200);
    const write = await viaToken.post(`/replication/api/remote/distribution/create/${projectId}/${repoName}`, config('c'));
    expect([write.status, write.body.message]).toEqual([
      403,
      `user [${bob.userId}] is VIEWER on project [${projectId}]; MAINTAINER is needed`,
    ]);
  });
});
