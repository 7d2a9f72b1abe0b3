import { describe, expect, it } from 'vitest';
import { apiClient, dataOf } from '../support/api-client';
import { ferryForFile } from '../support/ferry-for-file';
import { ADMIN_PASSWORD } from '../support/ferry-server';
import { expectRefusal } from '../support/refusal';

const ferry = ferryForFile();

describe('API authentication', () => {
  it('answers 401 with a non-zero code and no data when no credentials are sent', async () => {
    const response = await apiClient(ferry.server.url, null).get('/repository/api/project/list');
    expect(response.status).toBe(401);
    expect(response.body.code).not.toBe(0);
    expect(response.body.data).toBeNull();
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await apiClient(ferry.server.url, { username: 'admin', password: 'nope' }).get('/repository/api/project/list');
    const unknown = await apiClient(ferry.server.url, { username: 'ghost', password: ADMIN_PASSWORD }).get('/repository/api/project/list');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('does not reveal whether a resource exists to an anonymous caller', async () => {
    const response = await apiClient(ferry.server.url, null).get('/replication/api/remote/distribution/info/nope/nope');
    expect(response.status).toBe(401);
    expect(response.body.message).not.toMatch(/nope/);
  });

  it('accepts HTTP Basic with the bootstrapped admin', async () => {
    const me = dataOf(await ferry.api.get<{ username: string }>('/repository/api/user/info'));
    expect(me.username).toBe('admin');
  });

  it('creates a bearer token shown once, lists it without the secret, and stops accepting it once revoked', async () => {
    const admin = ferry.api;
    const created = dataOf(
      await admin.post<{ id: string; token: string; tokenPrefix: string }>('/repository/api/token/create', { name: 'ci-pipeline' }),
    );
    expect(created.token).toMatch(/^ferry_[A-Za-z0-9_-]{40,}$/);
    expect(created.token.startsWith(created.tokenPrefix)).toBe(true);

    const withToken = apiClient(ferry.server.url, { token: created.token });
    expect(dataOf(await withToken.get<{ username: string }>('/repository/api/user/info')).username).toBe('admin');

    const list = await admin.get('/repository/api/token/list');
    expect(JSON.stringify(list.body)).not.toContain(created.token);
    const listed = dataOf(
      list as {
        status: number;
        body: { code: number; message: string | null; data: Array<{ id: string; lastUsedDate: string | null }>; traceId: string };
        headers: Headers;
      },
    );
    expect(listed.find((t) => t.id === created.id)?.lastUsedDate).not.toBeNull();

    dataOf(await admin.delete(`/repository/api/token/delete/${created.id}`));
    expect((await withToken.get('/repository/api/user/info')).status).toBe(401);
  });

  it('rejects a duplicate token name with 250107 and a past expiry with 250105', async () => {
    const admin = ferry.api;
    dataOf(await admin.post('/repository/api/token/create', { name: 'dup' }));
    const duplicate = await admin.post('/repository/api/token/create', { name: 'dup' });
    expectRefusal(duplicate, 409, 250107);
    const expired = await admin.post('/repository/api/token/create', { name: 'old', expiresAt: '2001-01-01T00:00:00' });
    expectRefusal(expired, 400, 250105, '[expiresAt]');
  });

  it('accepts a token as the Basic password, as registry clients send it', async () => {
    const admin = ferry.api;
    const { token } = dataOf(await admin.post<{ token: string }>('/repository/api/token/create', { name: 'basic-use' }));
    const viaBasic = apiClient(ferry.server.url, { username: 'admin', password: token });
    expect(dataOf(await viaBasic.get<{ username: string }>('/repository/api/user/info')).username).toBe('admin');
  });
});

describe('envelope and trace ids', () => {
  it('wraps success as {code 0, message null, data, traceId} with a fresh trace id per request', async () => {
    const api = ferry.api;
    const first = await api.get('/repository/api/project/list');
    const second = await api.get('/repository/api/project/list');
    expect(first.body.code).toBe(0);
    expect(first.body.message).toBeNull();
    expect(first.body.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(first.body.traceId).not.toBe(second.body.traceId);
  });

  it("echoes the caller's X-Request-Id and logs it with the request", async () => {
    const response = await ferry.api.get('/repository/api/project/list', { 'X-Request-Id': 'pipeline-42.step-7' });
    expect(response.body.traceId).toBe('pipeline-42.step-7');
    expect(response.headers.get('x-request-id')).toBe('pipeline-42.step-7');
    await expect.poll(() => ferry.server.output()).toContain('"traceId":"pipeline-42.step-7"');
  });

  it('reports an unparsable body as 250106', async () => {
    const response = await ferry.api.post('/repository/api/project/create', '{"name": ');
    expectRefusal(response, 400, 250106);
  });

  it('never logs the admin password', () => {
    expect(ferry.server.output()).not.toContain(ADMIN_PASSWORD);
  });
});
