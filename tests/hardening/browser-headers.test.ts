import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client';
import { uploadFile } from '../support/artifacts';
import { createClusterNode, createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { rawRequest } from '../support/raw-http';

// Security headers on every kind of answer, user files that cannot act as Ferry's pages, and
// data that only Ferry's user can read.
let server: FerryServer;
beforeAll(async () => {
  server = await startFerry();
});
afterAll(() => server?.stop());

function expectCommonHeaders(headers: Headers, what: string) {
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('referrer-policy'), what).toBe('same-origin');
  expect(headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
}

describe('security headers', () => {
  it('gives pages a nonce policy that matches their scripts, fresh per request', async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${server.url}/login`);
      expect(response.status).toBe(200);
      expectCommonHeaders(response.headers, '/login');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(policy).not.toContain('unsafe-eval');
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? '';
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('sends them on API answers, errors included, with a policy that allows nothing', async () => {
    const ok = await apiClient(server.url).get('/repository/api/project/list');
    const anonymous = await apiClient(server.url, null).get('/repository/api/project/list');
    for (const [what, response] of [
      ['200', ok],
      ['401', anonymous],
    ] as const) {
      expectCommonHeaders(response.headers, what);
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('sends them on /v2 answers', async () => {
    const response = await fetch(`${server.url}/v2/`);
    expect(response.status).toBe(401);
    expectCommonHeaders(response.headers, '/v2/');
  });

  it('sends them on a path refused before routing and on an unknown page', async () => {
    const refused = await rawRequest(server.url, { method: 'GET', path: '/generic/p/r/a/%2e%2e/b' });
    expect(refused.status).toBe(400);
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    expect(refused.headers['x-frame-options']).toBe('DENY');
    const missing = await fetch(`${server.url}/no-such-page`);
    expect(missing.status).toBe(404);
    expectCommonHeaders(missing.headers, '/no-such-page');
  });
});

describe('user files', () => {
  it('serves HTML, SVG and XML as sandboxed attachments, and other files inline but sandboxed', async () => {
    const target = await createProjectWithRepo(apiClient(server.url), 'GENERIC');
    const page = Buffer.from('<html><script>fetch("/repository/api/token/list")</script></html>');
    const cases: Array<[string, string]> = [
      ['/evil.html', 'attachment'],
      ['/EVIL.HTM', 'attachment'],
      ['/logo.svg', 'attachment'],
      ['/feed.xml', 'attachment'],
      ['/notes.txt', 'inline'],
    ];
    for (const [file, disposition] of cases) {
      expect((await uploadFile(server.url, { ...target, path: file }, page)).status).toBe(200);
      const response = await fetch(`${server.url}/generic/${target.projectId}/${target.repoName}${file}`, {
        headers: { Authorization: `Basic ${Buffer.from('admin:admin-test-password').toString('base64')}` },
      });
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-disposition'), file).toMatch(new RegExp(`^${disposition};`));
      expect(response.headers.get('content-type'), file).toBe('application/octet-stream');
      expect(response.headers.get('content-security-policy'), file).toMatch(/^sandbox;/);
      expectCommonHeaders(response.headers, file);
      expect(Buffer.from(await response.arrayBuffer()).equals(page)).toBe(true);
    }
  });
});

describe('data on disk', () => {
  it('keeps the data folders 0700 and the secret key and blobs 0600', async () => {
    const api = apiClient(server.url);
    // A stored cluster password makes Ferry generate its secret key; an upload fills blobs/.
    await createClusterNode(api);
    const target = await createProjectWithRepo(api, 'GENERIC');
    expect((await uploadFile(server.url, { ...target, path: '/modes.bin' }, Buffer.from('mode check'))).status).toBe(200);
    const mode = async (...parts: string[]) => (await stat(path.join(server.dataDir, ...parts))).mode & 0o777;
    const folders = ['blobs', 'blobs/sha256', 'blobs/tmp', 'blobs/uploads'];
    // With PostgreSQL there is no pgdata; with PGlite its folder was copied in readable by the test set-up and must have been repaired.
    if (!server.env.DATABASE_URL) folders.push('pgdata');
    for (const folder of folders) expect(await mode(folder), folder).toBe(0o700);
    expect(await mode('secret.key')).toBe(0o600);
    const sha256 = createHash('sha256').update('mode check').digest('hex');
    expect(await mode('blobs', 'sha256', sha256.slice(0, 2), sha256)).toBe(0o600);
  });
});
