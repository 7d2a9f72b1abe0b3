import { describe, expect, it } from 'vitest';
import { dataOf } from '../support/api-client';
import { ferryForFile } from '../support/ferry-for-file';
import { ADMIN_PASSWORD } from '../support/ferry-server';

// As behind a reverse proxy on the same host: X-Forwarded-For names the client (tests vary it).
const ferry = ferryForFile({ env: { FERRY_TRUSTED_PROXIES: '127.0.0.1/32, ::1/128' } });

type Envelope<T = unknown> = { code: number; message: string | null; data: T };

async function call<T = unknown>(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${ferry.server.url}${path}`, {
    method,
    headers: { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Envelope<T> };
}

async function signIn(username = 'admin', password = ADMIN_PASSWORD, headers: Record<string, string> = {}) {
  const response = await call<{ username: string; csrfToken: string }>('POST', '/repository/api/auth/login', {
    body: { username, password },
    headers,
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { ...response, setCookie, cookie: setCookie.split(';')[0] ?? '' };
}

describe('admin UI sessions', () => {
  it('signs in with a password and sets an httpOnly, SameSite=Lax cookie that is not Secure over plain http', async () => {
    const login = await signIn();
    expect(login.status).toBe(200);
    expect(login.body.data.username).toBe('admin');
    expect(login.body.data.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(login.setCookie).toMatch(/^ferry_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    expect(login.setCookie).not.toMatch(/Secure/);
    const session = await call<{ username: string; csrfToken: string }>('GET', '/repository/api/auth/session', {
      headers: { Cookie: login.cookie },
    });
    expect(session.body.data).toMatchObject({ username: 'admin', csrfToken: login.body.data.csrfToken });
  });

  it('marks the cookie Secure behind an https proxy', async () => {
    const login = await signIn('admin', ADMIN_PASSWORD, { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '10.9.9.1' });
    expect(login.setCookie).toMatch(/; Secure$/);
  });

  it('answers a wrong password with 401 and a clear message, and no cookie', async () => {
    const login = await signIn('admin', 'not-the-password', { 'X-Forwarded-For': '10.0.0.2' });
    expect(login.status).toBe(401);
    expect(login.body.message).toBe('Wrong username or password');
    expect(login.setCookie).toBe('');
    const unknown = await signIn('ghost', 'whatever1', { 'X-Forwarded-For': '10.0.0.2' });
    expect(unknown.body.message).toBe('Wrong username or password');
  });

  it('throttles a username from one address after five failures, even with the right password', async () => {
    const from = { 'X-Forwarded-For': '10.0.0.3' };
    for (let i = 0; i < 5; i++) expect((await signIn('admin', `wrong-${i}`, from)).status).toBe(401);
    const blocked = await signIn('admin', ADMIN_PASSWORD, from);
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/Too many failed sign-ins; try again in \d+ s/);
    // Another address is not affected.
    expect((await signIn('admin', ADMIN_PASSWORD, { 'X-Forwarded-For': '10.0.0.4' })).status).toBe(200);
  });

  it('requires the X-CSRF-Token on cookie-authenticated changes and changes nothing without it', async () => {
    const login = await signIn();
    const project = `csrf${Date.now()}`;
    const withoutToken = await call('POST', '/repository/api/project/create', {
      body: { name: project },
      headers: { Cookie: login.cookie },
    });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body.code).toBe(250111);
    const wrongToken = await call('POST', '/repository/api/project/create', {
      body: { name: project },
      headers: { Cookie: login.cookie, 'X-CSRF-Token': 'nope' },
    });
    expect(wrongToken.status).toBe(403);
    const projects = dataOf(await ferry.api.get<{ name: string }[]>('/repository/api/project/list'));
    expect(projects.map((p) => p.name)).not.toContain(project);
    const withToken = await call('POST', '/repository/api/project/create', {
      body: { name: project },
      headers: { Cookie: login.cookie, 'X-CSRF-Token': login.body.data.csrfToken },
    });
    expect(withToken.body.code).toBe(0);
  });

  it('leaves Basic and Bearer callers without a csrf token unaffected', async () => {
    const created = await ferry.api.post('/repository/api/project/create', { name: `basic${Date.now()}` });
    expect(created.body.code).toBe(0);
  });

  it('omits the Basic challenge for browser calls so no password dialog pops up', async () => {
    const browser = await call('GET', '/repository/api/auth/session', { headers: { 'X-Requested-With': 'fetch' } });
    expect(browser.status).toBe(401);
    expect(browser.headers.get('www-authenticate')).toBeNull();
    const staleCookie = await call('GET', '/repository/api/auth/session', { headers: { Cookie: 'ferry_session=expired' } });
    expect(staleCookie.status).toBe(401);
    expect(staleCookie.headers.get('www-authenticate')).toBeNull();
    const script = await call('GET', '/repository/api/auth/session');
    expect(script.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const login = await signIn();
    const headers = { Cookie: login.cookie, 'X-CSRF-Token': login.body.data.csrfToken };
    const logout = await call('POST', '/repository/api/auth/logout', { headers });
    expect(logout.status).toBe(200);
    expect(logout.headers.get('set-cookie')).toMatch(/^ferry_session=; .*Max-Age=0/);
    expect((await call('GET', '/repository/api/auth/session', { headers })).status).toBe(401);
  });

  it('reports the ferry.server time zone and version', async () => {
    const info = dataOf(await ferry.api.get<{ timeZone: string; version: string }>('/repository/api/system/info'));
    expect(info).toEqual({ timeZone: 'Asia/Shanghai', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});
