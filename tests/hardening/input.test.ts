import { describe, expect, it } from 'vitest';
import { dataOf } from '../support/api-client';
import { ferryForFile } from '../support/ferry-for-file';
import { basicAuth } from '../support/harness';
import { rawRequest } from '../support/raw-http';

// Hostile input on the route wrapper: every refusal is an envelope with a non-zero code, the
// server stays responsive, and nothing is stored.
const ferry = ferryForFile({ env: { FERRY_MAX_JSON_BYTES: String(64 * 1024) } });

/** A request without a body, with Basic credentials, over a raw socket (so nothing cleans the header first). */
const withBasic = (method: string, path: string, username: string, password: string) =>
  rawRequest(ferry.server.url, { method, path, headers: { Authorization: basicAuth(username, password) } });

const envelopeOf = (body: Buffer) => JSON.parse(body.toString('utf8')) as { code: number; message: string; data: unknown };

describe('JSON bodies', () => {
  it('refuses a declared oversized body on the anonymous sign-in with 413 without reading it', async () => {
    const response = await rawRequest(ferry.server.url, {
      method: 'POST',
      path: '/repository/api/auth/login',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024) },
      body: '{"username":"',
    });
    expect(response.status).toBe(413);
    expect(envelopeOf(response.body)).toMatchObject({ code: 250121, data: null });
    expect(envelopeOf(response.body).message).toContain('65536 bytes');
  });

  it('stops reading a chunked body once it passes the limit', async () => {
    const huge = `{"username":"${'a'.repeat(200 * 1024)}","password":"x"}`;
    const response = await fetch(`${ferry.server.url}/repository/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new Blob([huge]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe(250121);
    const health = await fetch(`${ferry.server.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('answers 415 to a text/plain or form body on a JSON endpoint and creates nothing', async () => {
    const admin = ferry.api;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await admin.post('/repository/api/project/create', JSON.stringify({ name: 'crosssite' }), { 'Content-Type': type });
      expect(response.status).toBe(415);
      expect(response.body.code).toBe(250122);
      expect(response.body.message).toContain('Content-Type');
    }
    const projects = dataOf(await admin.get<Array<{ name: string }>>('/repository/api/project/list'));
    expect(projects.map((p) => p.name)).not.toContain('crosssite');
  });

  it('accepts an empty body without Content-Type where every field is optional', async () => {
    const response = await withBasic('POST', '/repository/api/token/create', 'admin', 'admin-test-password');
    expect(response.status).toBe(400);
    expect(envelopeOf(response.body).message).toBe('Parameter [name] is missing');
  });
});

describe('NUL characters and unpaired surrogates', () => {
  it('refuses them in body fields with 250105 naming the field, and stores nothing', async () => {
    const admin = ferry.api;
    const cases: Array<[string, unknown, string]> = [
      ['/repository/api/project/create', { name: 'nulproject', description: 'a\u0000b' }, 'description'],
      ['/repository/api/token/create', { name: 'tok\u0000en' }, 'name'],
      ['/repository/api/auth/login', { username: 'ad\u0000min', password: 'x' }, 'username'],
      ['/repository/api/project/create', { name: 'surrogate', description: 'x\ud800' }, 'description'],
    ];
    for (const [path, body, field] of cases) {
      const response = await admin.post(path, body);
      expect(response.status, path).toBe(400);
      expect(response.body.code).toBe(250105);
      expect(response.body.message).toBe(`Parameter [${field}] is invalid: contains a NUL character or an unpaired surrogate`);
    }
    const projects = dataOf(await admin.get<Array<{ name: string }>>('/repository/api/project/list'));
    expect(projects.map((p) => p.name)).not.toContain('nulproject');
    const tokens = dataOf(await admin.get<Array<{ name: string }>>('/repository/api/token/list'));
    expect(tokens).toHaveLength(0);
  });

  it('refuses them in path parameters and queries', async () => {
    const admin = ferry.api;
    for (const path of [
      '/repository/api/repo/list/p%00',
      '/replication/api/remote/distribution/update/p/r/%00',
      '/replication/api/remote/distribution/execute/runOnceTask/%00/r?name=x',
      '/replication/api/remote/distribution/get/runOnceTaskStatus/p/r?name=a%00',
    ]) {
      const response = path.includes('update') || path.includes('execute') ? await admin.post(path, {}) : await admin.get(path);
      expect(response.status, path).toBe(400);
      expect(response.body.code).toBe(250105);
      expect(response.body.message).toMatch(/^Parameter \[(projectId|name)\] is invalid: contains a NUL/);
    }
  });

  it('refuses a NUL in the Basic user name as invalid input, not a ferry.server error', async () => {
    const response = await withBasic('GET', '/repository/api/project/list', 'ad\u0000min', 'x');
    expect(response.status).toBe(400);
    expect(envelopeOf(response.body)).toMatchObject({ code: 250105, message: expect.stringContaining('[Authorization]') });
  });
});

describe('cookies', () => {
  it('ignores a session cookie that does not decode, on anonymous and authenticated routes', async () => {
    const health = await fetch(`${ferry.server.url}/repository/api/user/info`, { headers: { Cookie: 'ferry_session=%E0%A4%A' } });
    expect(health.status).toBe(401);
    expect((await health.json()).code).toBe(250112);
    const login = await fetch(`${ferry.server.url}/repository/api/auth/login`, {
      method: 'POST',
      headers: { Cookie: 'ferry_session=%ZZ', 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin-test-password' }),
    });
    expect(login.status).toBe(200);
  });
});

describe('unknown endpoints and methods', () => {
  it('answers unknown API paths with a 404 envelope on every prefix and method', async () => {
    const admin = ferry.api;
    for (const path of ['/replication/api/remote/distribution/toggle/status/p/r', '/repository/api/nothing/here', '/api/nothing']) {
      for (const call of [admin.get, (p: string) => admin.post(p, {}), admin.delete]) {
        const response = await call(path);
        expect(response.status, path).toBe(404);
        expect(response.body.code).toBe(250123);
        expect(response.body.message).toContain(path);
      }
    }
  });

  it('answers a wrong method with a 405 envelope and Allow', async () => {
    const admin = ferry.api;
    const response = await admin.get('/replication/api/remote/distribution/create/p/r');
    expect(response.status).toBe(405);
    expect(response.body.code).toBe(250110);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    const put = await rawRequest(ferry.server.url, { method: 'PUT', path: '/repository/api/project/list' });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(envelopeOf(put.body).code).toBe(250110);
  });
});

describe('OCI distribution answers', () => {
  it('authenticates /v2 before refusing its method', async () => {
    const response = await fetch(`${ferry.server.url}/v2/`, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('answers 404 MANIFEST_UNKNOWN for an invalid reference on GET and HEAD, 400 DIGEST_INVALID for a malformed digest', async () => {
    const admin = ferry.api;
    dataOf(await admin.post('/repository/api/project/create', { name: 'ociproj' }));
    dataOf(await admin.post('/repository/api/repo/create', { projectId: 'ociproj', name: 'images', type: 'DOCKER' }));
    const auth = { Authorization: basicAuth('admin', 'admin-test-password') };
    const get = await fetch(`${ferry.server.url}/v2/ociproj/images/app/manifests/-bad-ref`, { headers: auth });
    expect(get.status).toBe(404);
    expect((await get.json()).errors[0].code).toBe('MANIFEST_UNKNOWN');
    const head = await fetch(`${ferry.server.url}/v2/ociproj/images/app/manifests/-bad-ref`, { method: 'HEAD', headers: auth });
    expect(head.status).toBe(404);
    const digest = await fetch(`${ferry.server.url}/v2/ociproj/images/app/manifests/sha256:abc`, { headers: auth });
    expect(digest.status).toBe(400);
    expect((await digest.json()).errors[0].code).toBe('DIGEST_INVALID');
  });
});
