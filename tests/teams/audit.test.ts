import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, dataOf } from '../support/api-client';
import { createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { basicAuth } from '../support/harness';
import { errorCodeOf, ociClient } from '../support/oci-client';
import { auditRows, createUser, setMember, USER_PASSWORD } from './support';

let server: FerryServer;
beforeAll(async () => {
  server = await startFerry();
});
afterAll(() => server?.stop());

const SECRET = 'registry-secret-password';
const config = (name: string, extra: Record<string, unknown> = {}) => ({
  configs: [
    { name, registry: 'http://127.0.0.1:9/ns', username: 'robot', password: SECRET, replicaType: 'SCHEDULED', setting: {}, ...extra },
  ],
});

describe('audit log', () => {
  it('records changes with what changed and never a secret', async () => {
    const admin = apiClient(server.url);
    const { projectId, repoName } = await createProjectWithRepo(admin, 'DOCKER');
    dataOf(await admin.post(`/replication/api/remote/distribution/create/${projectId}/${repoName}`, config('c1')));
    dataOf(
      await admin.post(`/replication/api/remote/distribution/update/${projectId}/${repoName}/c1`, {
        setting: { rateLimit: 1024 },
        password: 'another-secret-password',
      }),
    );
    dataOf(
      await admin.post('/replication/api/cluster/create', {
        name: `cl${Date.now()}`,
        url: 'http://127.0.0.1:9',
        username: 'peer',
        password: 'cluster-secret-password',
        type: 'STANDALONE',
      }),
    );

    const rows = await auditRows(admin, `projectId=${projectId}`);
    const created = rows.find((r) => r.action === 'config.create');
    expect(created).toMatchObject({ userId: 'admin', projectId, repoName, outcome: 'OK' });
    expect(created?.detail).toMatchObject({ request: { configs: [expect.objectContaining({ name: 'c1', password: '***' })] } });
    const updated = rows.find((r) => r.action === 'config.update');
    expect(updated?.detail).toMatchObject({ changes: { 'setting.rateLimit': { old: 0, new: 1024 }, password: '***' } });
    expect(rows.some((r) => r.action === 'project.create' || r.action === 'repo.create')).toBe(true);

    const cluster = (await auditRows(admin, 'action=cluster.create'))[0];
    expect(cluster?.detail).toMatchObject({ request: { password: '***', username: 'peer' } });
    const everything = JSON.stringify(await auditRows(admin, 'limit=500'));
    expect(everything).not.toMatch(/registry-secret-password|another-secret-password|cluster-secret-password|admin-test-password/);
  });

  it('records refusals as DENIED and other failures as FAILED', async () => {
    const admin = apiClient(server.url);
    const { projectId, repoName } = await createProjectWithRepo(admin, 'DOCKER');
    const viewer = await createUser(admin, server.url);
    const outsider = await createUser(admin, server.url);
    await setMember(admin, projectId, viewer.userId, 'VIEWER');

    expect((await viewer.api.post(`/replication/api/remote/distribution/create/${projectId}/${repoName}`, config('c2'))).status).toBe(403);
    expect((await outsider.api.delete(`/repository/api/repo/delete/${projectId}/${repoName}`)).status).toBe(404);
    expect((await viewer.api.post('/repository/api/user/create', { userId: 'mallory', name: 'm', password: '12345678' })).status).toBe(403);
    expect((await admin.delete(`/replication/api/remote/distribution/delete/${projectId}/${repoName}/missing`)).status).toBe(404);

    const denied = await auditRows(admin, `outcome=DENIED&userId=${viewer.userId}`);
    expect(denied.map((r) => r.action).sort()).toEqual(['config.create', 'user.create']);
    expect(denied.find((r) => r.action === 'config.create')).toMatchObject({ projectId, repoName });
    expect(denied.find((r) => r.action === 'config.create')?.detail.error).toBe(
      `user [${viewer.userId}] is VIEWER on project [${projectId}]; MAINTAINER is needed`,
    );
    expect(await auditRows(admin, `outcome=DENIED&userId=${outsider.userId}`)).toMatchObject([{ action: 'repo.delete', projectId }]);
    expect(await auditRows(admin, `outcome=FAILED&projectId=${projectId}`)).toMatchObject([{ action: 'config.delete', userId: 'admin' }]);
  });

  it('records sign-ins, file changes and image deletes', async () => {
    const admin = apiClient(server.url);
    const login = (password: string) =>
      fetch(`${server.url}/repository/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
    expect((await login('wrong-password')).status).toBe(401);
    expect((await login('admin-test-password')).status).toBe(200);
    expect((await auditRows(admin, 'action=auth.login&limit=2')).map((r) => r.outcome)).toEqual(['OK', 'DENIED']);

    const { projectId, repoName } = await createProjectWithRepo(admin, 'GENERIC');
    const auth = { Authorization: `Basic ${Buffer.from('admin:admin-test-password').toString('base64')}` };
    expect((await fetch(`${server.url}/generic/${projectId}/${repoName}/a.txt`, { method: 'PUT', headers: auth, body: 'x' })).status).toBe(
      200,
    );
    expect((await fetch(`${server.url}/generic/${projectId}/${repoName}/a.txt`, { method: 'DELETE', headers: auth })).status).toBe(200);
    const files = await auditRows(admin, `projectId=${projectId}`);
    expect(files.filter((r) => r.action.startsWith('file.')).map((r) => [r.action, r.outcome, r.repoName])).toEqual([
      ['file.delete', 'OK', repoName],
      ['file.upload', 'OK', repoName],
    ]);

    const docker = await createProjectWithRepo(admin, 'DOCKER');
    const missing = await fetch(`${server.url}/v2/${docker.projectId}/${docker.repoName}/app/manifests/1.0`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(missing.status).toBe(404);
    expect(await auditRows(admin, `projectId=${docker.projectId}&action=image.delete`)).toMatchObject([
      { outcome: 'FAILED', repoName: docker.repoName, resource: `${docker.projectId}/${docker.repoName}/app:1.0` },
    ]);
  });

  it('shows project admins their project audit only', async () => {
    const admin = apiClient(server.url);
    const { projectId } = await createProjectWithRepo(admin, 'GENERIC');
    const other = await createProjectWithRepo(admin, 'GENERIC');
    const lead = await createUser(admin, server.url);
    const viewer = await createUser(admin, server.url);
    await setMember(admin, projectId, lead.userId, 'PROJECT_ADMIN');
    await setMember(admin, projectId, viewer.userId, 'VIEWER');

    const own = dataOf(await lead.api.get<{ records: Array<{ projectId: string }> }>(`/repository/api/admin/audit?projectId=${projectId}`));
    expect(own.records.length).toBeGreaterThan(0);
    expect(own.records.every((r) => r.projectId === projectId)).toBe(true);
    expect((await lead.api.get('/repository/api/admin/audit')).status).toBe(403);
    expect((await lead.api.get(`/repository/api/admin/audit?projectId=${other.projectId}`)).status).toBe(404);
    expect((await viewer.api.get(`/repository/api/admin/audit?projectId=${projectId}`)).status).toBe(403);
  });

  it('checks /v2 roles and records image pushes with their digest, and refused pushes as DENIED', async () => {
    const admin = apiClient(server.url);
    const { projectId, repoName } = await createProjectWithRepo(admin, 'DOCKER');
    const maintainer = await createUser(admin, server.url);
    const viewer = await createUser(admin, server.url);
    const outsider = await createUser(admin, server.url);
    await setMember(admin, projectId, maintainer.userId, 'MAINTAINER');
    await setMember(admin, projectId, viewer.userId, 'VIEWER');
    const name = `${projectId}/${repoName}/app`;

    const pushed = await ociClient(server.url, basicAuth(maintainer.userId, USER_PASSWORD)).pushImage(name, '1.0');
    const asViewer = ociClient(server.url, basicAuth(viewer.userId, USER_PASSWORD));
    expect((await asViewer.call(`/v2/${name}/manifests/1.0`)).status).toBe(200);
    const refused = await asViewer.putManifest(name, '2.0', pushed.manifest);
    expect(refused.status).toBe(403);
    expect(await errorCodeOf(refused)).toBe('DENIED');
    const hidden = await ociClient(server.url, basicAuth(outsider.userId, USER_PASSWORD)).call(`/v2/${name}/manifests/1.0`);
    expect([hidden.status, await errorCodeOf(hidden)]).toEqual([404, 'NAME_UNKNOWN']);

    const rows = await auditRows(admin, `projectId=${projectId}&action=image.push`);
    expect(rows.map((r) => [r.userId, r.outcome])).toEqual([
      [viewer.userId, 'DENIED'],
      [maintainer.userId, 'OK'],
    ]);
    expect(rows[1]?.detail).toMatchObject({ digest: pushed.digest, tag: '1.0' });
  });
});
