import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, dataOf } from '../support/api-client';
import { ADMIN_PASSWORD, type FerryServer, startFerry } from '../support/ferry-server';
import { basicAuth } from '../support/harness';

// One throttle for every password check. `proxied` trusts 127.0.0.1 as a proxy, so each test
// speaks from its own X-Forwarded-For address; `direct` trusts none, as Ferry does by default.
let proxied: FerryServer;
let direct: FerryServer;
let token: string;
let sessionCookie: string;
beforeAll(async () => {
  proxied = await startFerry({ env: { FERRY_TRUSTED_PROXIES: '127.0.0.1/32, ::1/128', FERRY_AUTH_THROTTLE_ENTRIES: '100' } });
  direct = await startFerry();
  token = dataOf(await apiClient(proxied.url).post<{ token: string }>('/repository/api/token/create', { name: 'throttle' })).token;
  const login = await fetch(`${proxied.url}/repository/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.1' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  sessionCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}, 120_000);
afterAll(async () => {
  await proxied?.stop();
  await direct?.stop();
});

const from = (address: string, authorization?: string) => ({
  'X-Forwarded-For': address,
  ...(authorization ? { Authorization: authorization } : {}),
});

async function get(server: FerryServer, path: string, headers: Record<string, string>) {
  const response = await fetch(`${server.url}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function failFiveTimes(server: FerryServer, path: string, headers: Record<string, string>, username = 'admin') {
  for (let i = 0; i < 5; i++) {
    const response = await get(server, path, { ...headers, Authorization: basicAuth(username, `wrong-${i}`) });
    expect(response.status, `attempt ${i + 1}`).toBe(401);
  }
}

function expectRetryAfter(headers: Headers) {
  expect(Number(headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
}

/** Five wrong passwords for admin from `address`, then the right one: that answer must be 429 with Retry-After. */
async function expectThrottled(path: string, address: string) {
  await failFiveTimes(proxied, path, from(address));
  const blocked = await get(proxied, path, from(address, basicAuth('admin', ADMIN_PASSWORD)));
  expect(blocked.status).toBe(429);
  expectRetryAfter(blocked.headers);
  return blocked;
}

describe('HTTP Basic on the API', () => {
  it('answers 429 + Retry-After (250120) after five wrong passwords, even to the right one, from that address only', async () => {
    const address = '198.51.100.1';
    const blocked = await expectThrottled('/repository/api/user/info', address);
    expect(blocked.json).toMatchObject({ code: 250120, data: null });
    expect(blocked.json.message).toMatch(/try again in \d+ s/);

    const elsewhere = await get(proxied, '/repository/api/user/info', from('198.51.100.99', basicAuth('admin', ADMIN_PASSWORD)));
    expect(elsewhere.status).toBe(200);
  });

  it('keeps API tokens and open sessions of the throttled user working at the throttled address', async () => {
    const address = '198.51.100.1';
    const stillBlocked = await get(proxied, '/repository/api/user/info', from(address, basicAuth('admin', ADMIN_PASSWORD)));
    expect(stillBlocked.status).toBe(429);
    const bearer = await get(proxied, '/repository/api/user/info', from(address, `Bearer ${token}`));
    expect([bearer.status, (bearer.json.data as { username: string }).username]).toEqual([200, 'admin']);
    const tokenAsPassword = await get(proxied, '/repository/api/user/info', from(address, basicAuth('admin', token)));
    expect(tokenAsPassword.status).toBe(200);
    const session = await get(proxied, '/repository/api/auth/session', { ...from(address), Cookie: sessionCookie });
    expect(session.status).toBe(200);
  });

  it('counts sign-in form failures and Basic failures together', async () => {
    const address = '198.51.100.2';
    for (let i = 0; i < 3; i++) {
      expect((await get(proxied, '/repository/api/user/info', from(address, basicAuth('admin', `nope-${i}`)))).status).toBe(401);
    }
    const signIn = (password: string) =>
      fetch(`${proxied.url}/repository/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...from(address) },
        body: JSON.stringify({ username: 'admin', password }),
      });
    expect((await signIn('nope-3')).status).toBe(401);
    expect((await signIn('nope-4')).status).toBe(401);
    const blocked = await signIn(ADMIN_PASSWORD);
    expect(blocked.status).toBe(429);
    expectRetryAfter(blocked.headers);
  });
});

describe('/v2 and /generic', () => {
  it('answers /v2 with the OCI TOOMANYREQUESTS error and Retry-After, and still takes a token', async () => {
    const address = '198.51.100.4';
    const blocked = await expectThrottled('/v2/', address);
    expect(blocked.json).toMatchObject({ errors: [{ code: 'TOOMANYREQUESTS' }] });
    expect((await get(proxied, '/v2/', from(address, basicAuth('admin', token)))).status).toBe(200);
  });

  it('answers /generic with 250120 and Retry-After, and still takes a token', async () => {
    const address = '198.51.100.5';
    const path = '/generic/someproject/somerepo/file.txt';
    // Another username than admin: the per-user count of admin is spent by the other tests.
    await failFiveTimes(proxied, path, from(address), 'ci-bot');
    const blocked = await get(proxied, path, from(address, basicAuth('ci-bot', 'again')));
    expect([blocked.status, blocked.json.code]).toEqual([429, 250120]);
    expectRetryAfter(blocked.headers);
    const withToken = await get(proxied, path, from(address, `Bearer ${token}`));
    expect([401, 429]).not.toContain(withToken.status);
  });
  // Last of the tests that fail as admin through `proxied`: it brings admin's count from all addresses to 20.
  it('does not forget a throttled address however many junk usernames fail from it', async () => {
    const address = '198.51.100.3';
    await failFiveTimes(proxied, '/repository/api/user/info', from(address));
    // The server keeps 100 entries per LRU here: 150 junk usernames would have pushed admin's out of a shared one.
    for (let i = 0; i < 150; i++) {
      const junk = await get(proxied, '/repository/api/user/info', from(address, basicAuth(`junk-${i}`, 'x')));
      expect(junk.status).toBe(401);
    }
    // The five failures still count: one more (allowed once the short wait is over) locks the address again at once.
    // Had the junk reset the count, that failure would be the first and the right password would pass.
    await expect
      .poll(async () => (await get(proxied, '/repository/api/user/info', from(address, basicAuth('admin', 'sixth')))).status, {
        timeout: 10_000,
      })
      .toBe(401);
    const blocked = await get(proxied, '/repository/api/user/info', from(address, basicAuth('admin', ADMIN_PASSWORD)));
    expect(blocked.status).toBe(429);
  }, 120_000);
});

describe('client address', () => {
  it('refuses unknown users as slowly as wrong passwords (both run argon2)', async () => {
    const timed = async (username: string, password: string) => {
      const started = performance.now();
      const response = await get(direct, '/repository/api/user/info', { Authorization: basicAuth(username, password) });
      return { status: response.status, ms: performance.now() - started };
    };
    // Warm both paths first (the right password is no failure), then at most four failures for admin, under its limit of five.
    expect((await timed('admin', ADMIN_PASSWORD)).status).toBe(200);
    expect((await timed('nobody-warm', 'x')).status).toBe(401);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      const wrong = await timed('admin', `wrong-${i}`);
      const nobody = await timed(`nobody-${i}`, `wrong-${i}`);
      expect([wrong.status, nobody.status]).toEqual([401, 401]);
      known.push(wrong.ms);
      unknown.push(nobody.ms);
    }
    // Medians, so one sample disturbed by other work on the machine cannot decide. Without the dummy
    // hash an unknown user answered in a few ms against argon2's tens.
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    expect(median(unknown), `known ${known.map(Math.round)} unknown ${unknown.map(Math.round)}`).toBeGreaterThan(median(known) * 0.4);
  });

  it('ignores X-Forwarded-For and a forged internal address header without FERRY_TRUSTED_PROXIES', async () => {
    await failFiveTimes(direct, '/repository/api/user/info', from('10.1.1.1'), 'ghost');
    for (const headers of [from('10.1.1.2'), { 'X-Ferry-Client-Address': '10.1.1.3' }]) {
      const response = await get(direct, '/repository/api/user/info', { ...headers, Authorization: basicAuth('ghost', 'again') });
      expect(response.status).toBe(429);
    }
  });

  it('ignores the client-chosen part of X-Forwarded-For behind a trusted proxy', async () => {
    // The proxy appends the address it saw; anything left of it is the client's own claim.
    await failFiveTimes(proxied, '/repository/api/user/info', from('1.2.3.4, 198.51.100.6'), 'someone');
    const spoofed = await get(proxied, '/repository/api/user/info', from('5.6.7.8, 198.51.100.6', basicAuth('someone', 'x')));
    expect(spoofed.status).toBe(429);
  });
});
