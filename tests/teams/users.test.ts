import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, dataOf } from '../support/api-client';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { expectRefusal } from '../support/refusal';
import { createToken, createUser, USER_PASSWORD } from './support';

let server: FerryServer;
beforeAll(async () => {
  server = await startFerry();
});
afterAll(() => server?.stop());

async function signIn(username: string, password: string) {
  const response = await fetch(`${server.url}/repository/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await response.json()) as { data: { csrfToken: string } };
  return { status: response.status, cookie, csrfToken: body.data?.csrfToken };
}

const withCookie = (cookie: string) => fetch(`${server.url}/repository/api/user/info`, { headers: { Cookie: cookie } });

describe('users API', () => {
  it('creates, lists and updates users; only administrators may', async () => {
    const admin = apiClient(server.url);
    const { userId, api } = await createUser(admin, server.url);
    const list = dataOf(
      await admin.get<Array<{ userId: string; admin: boolean; locked: boolean; name: string }>>('/repository/api/user/list'),
    );
    expect(list.find((u) => u.userId === userId)).toMatchObject({ admin: false, locked: false, name: `Name ${userId}` });
    expect(list.find((u) => u.userId === 'admin')).toMatchObject({ admin: true });
    expect(list.map((u) => u.userId)).toEqual([...list.map((u) => u.userId)].sort());

    const refused = await api.get('/repository/api/user/list');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 250114, message: `user [${userId}] is not an administrator` });
    expect((await api.post('/repository/api/user/create', { userId: 'x1234', name: 'x', password: '12345678' })).status).toBe(403);

    const duplicate = await admin.post('/repository/api/user/create', { userId, name: 'again', password: '12345678' });
    expectRefusal(duplicate, 409, 250107);
    const renamed = dataOf(await admin.post<{ name: string }>(`/repository/api/user/update/${userId}`, { name: 'Bob' }));
    expect(renamed.name).toBe('Bob');
    const info = dataOf(
      await api.get<{ username: string; name: string; admin: boolean; roles: unknown[]; token: null }>('/repository/api/user/info'),
    );
    expect(info).toMatchObject({ username: userId, name: 'Bob', admin: false, roles: [], token: null });
  });

  it('never leaves the system without an unlocked administrator, and nobody deletes itself', async () => {
    const admin = apiClient(server.url);
    const demote = await admin.post('/repository/api/user/update/admin', { admin: false });
    expectRefusal(demote, 409, 250113);
    expect(demote.body.message).toMatch(/last unlocked administrator/);
    expect((await admin.post('/repository/api/user/update/admin', { locked: true })).body.code).toBe(250113);
    const self = await admin.delete('/repository/api/user/delete/admin');
    expectRefusal(self, 409, 250113);

    // With a second administrator the first may be demoted, and the second then is the last one.
    const second = await createUser(admin, server.url, { admin: true });
    expect((await second.api.post('/repository/api/user/update/admin', { admin: false })).status).toBe(200);
    expect((await admin.get('/repository/api/user/list')).status).toBe(403);
    expect((await second.api.delete(`/repository/api/user/delete/${second.userId}`)).body.code).toBe(250113);
    expect((await second.api.post(`/repository/api/user/update/${second.userId}`, { locked: true })).body.code).toBe(250113);
    dataOf(await second.api.post('/repository/api/user/update/admin', { admin: true }));
    dataOf(await admin.delete(`/repository/api/user/delete/${second.userId}`));
    expect((await second.api.get('/repository/api/user/info')).status).toBe(401);
  });

  it('locking ends Basic (even cached), tokens and sessions at once; unlocking restores Basic', async () => {
    const admin = apiClient(server.url);
    const { userId, api } = await createUser(admin, server.url);
    expect((await api.get('/repository/api/user/info')).status).toBe(200); // now cached
    const token = await createToken(api);
    const session = await signIn(userId, USER_PASSWORD);
    expect((await withCookie(session.cookie)).status).toBe(200);

    dataOf(await admin.post(`/repository/api/user/update/${userId}`, { locked: true }));
    expect((await api.get('/repository/api/user/info')).status).toBe(401);
    expect((await apiClient(server.url, { token: token.token }).get('/repository/api/user/info')).status).toBe(401);
    expect((await withCookie(session.cookie)).status).toBe(401);
    expect((await signIn(userId, USER_PASSWORD)).status).toBe(401);

    dataOf(await admin.post(`/repository/api/user/update/${userId}`, { locked: false }));
    expect((await api.get('/repository/api/user/info')).status).toBe(200);
    expect((await withCookie(session.cookie)).status).toBe(401); // sessions stay ended
  });

  it('changes one’s own password, ending the other sessions but not the current one', async () => {
    const admin = apiClient(server.url);
    const { userId, api } = await createUser(admin, server.url);
    const current = await signIn(userId, USER_PASSWORD);
    const other = await signIn(userId, USER_PASSWORD);
    const wrong = await api.post('/repository/api/user/password', { oldPassword: 'not-it-at-all', newPassword: 'new-password-1' });
    expectRefusal(wrong, 400, 250105);
    expect(wrong.body.message).toMatch(/oldPassword/);

    const changed = await fetch(`${server.url}/repository/api/user/password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: current.cookie, 'X-CSRF-Token': current.csrfToken },
      body: JSON.stringify({ oldPassword: USER_PASSWORD, newPassword: 'new-password-1' }),
    });
    expect(changed.status).toBe(200);
    expect((await withCookie(current.cookie)).status).toBe(200);
    expect((await withCookie(other.cookie)).status).toBe(401);
    expect((await api.get('/repository/api/user/info')).status).toBe(401);
    expect((await apiClient(server.url, { username: userId, password: 'new-password-1' }).get('/repository/api/user/info')).status).toBe(
      200,
    );

    const token = await createToken(apiClient(server.url, { username: userId, password: 'new-password-1' }));
    const viaToken = await apiClient(server.url, { token: token.token }).post('/repository/api/user/password', {
      oldPassword: 'new-password-1',
      newPassword: 'another-password',
    });
    expectRefusal(viaToken, 403, 250114);
  });
});
