import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { basicAuth, freePort } from '../support/harness';
import { rawRequest } from '../support/raw-http';
import { parseSamples, sampleValue } from './prometheus-text';

const METRICS_TOKEN = 'metrics-token-fedcba9876543210';
let withToken: FerryServer;
let withPort: FerryServer;
let metricsPort: number;
let plain: FerryServer;

beforeAll(async () => {
  metricsPort = await freePort();
  [withToken, withPort, plain] = await Promise.all([
    startFerry({ env: { FERRY_METRICS_TOKEN: METRICS_TOKEN } }),
    startFerry({ env: { FERRY_METRICS_PORT: String(metricsPort) } }),
    startFerry(),
  ]);
});
afterAll(async () => {
  await Promise.all([withToken?.stop(), withPort?.stop(), plain?.stop()]);
});

/** Sends bytes as they are (a client library would refuse to send a NUL in a header) and reads the status line. */
function rawExchange(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(answer));
    // A server refusing a request it has not read to the end may reset the connection before its
    // answer arrives (TCP drops unread data with a RST): that is a refusal too.
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(answer || `RESET ${error.code}`) : reject(error),
    );
  });
}

describe('GET /metrics with FERRY_METRICS_TOKEN', () => {
  it('answers the exposition to the bearer of the token', async () => {
    const response = await fetch(`${withToken.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    const samples = parseSamples(await response.text());
    expect(sampleValue(samples, 'ferry_runs_queued')).toBe(0);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer metrics-token-0000000000000000' }],
    ['the token with a suffix', { Authorization: `Bearer ${METRICS_TOKEN}x` }],
    ['a prefix of the token', { Authorization: `Bearer ${METRICS_TOKEN.slice(0, 20)}` }],
    ['an empty bearer', { Authorization: 'Bearer ' }],
    ["the admin's password (metrics have their own credential)", { Authorization: basicAuth('admin', 'admin-test-password') }],
  ])('refuses %s with 401 in the envelope, and no metrics', async (_, headers: Record<string, string>) => {
    const response = await fetch(`${withToken.url}/metrics`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    const body = (await response.json()) as { code: number; message: string; data: null };
    expect(body).toMatchObject({ code: 250112, data: null });
    expect(body.message).toContain('FERRY_METRICS_TOKEN');
  });

  it('refuses the token in the query string', async () => {
    expect((await fetch(`${withToken.url}/metrics?token=${METRICS_TOKEN}`)).status).toBe(401);
  });

  it('refuses a NUL in the header and a huge header before reaching the handler', async () => {
    const nul = await rawExchange(withToken.url, `GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${METRICS_TOKEN}\0\r\n\r\n`);
    expect(nul).toMatch(/^HTTP\/1\.1 400/);
    const huge = await rawExchange(
      withToken.url,
      `GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(100_000)}\r\n\r\n`,
    );
    expect(huge).toMatch(/^(HTTP\/1\.1 431|RESET E(CONNRESET|PIPE))/);
    expect(nul + huge).not.toContain('ferry_');
  });

  it('answers other methods 405 with Allow, and unknown ones without metrics', async () => {
    const post = await fetch(`${withToken.url}/metrics`, { method: 'POST', headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(((await post.json()) as { code: number }).code).toBe(250110);
    const odd = await rawRequest(withToken.url, {
      method: 'PROPFIND',
      path: '/metrics',
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(odd.status).toBeGreaterThanOrEqual(400);
    expect(odd.body.toString()).not.toContain('ferry_');
  });

  it('counts refusals under the route template, and hostile paths under one label', async () => {
    await fetch(`${withToken.url}/repository/api/no/such/${'x'.repeat(300)}`);
    const response = await fetch(`${withToken.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await response.text();
    expect(text).not.toContain('x'.repeat(50));
    expect(sampleValue(parseSamples(text), 'ferry_http_requests_total', { route: '(unmatched)', status: '404' })).toBeGreaterThanOrEqual(1);
  });
});

describe('FERRY_METRICS_PORT', () => {
  const port = () => `http://127.0.0.1:${metricsPort}`;

  it('serves /metrics on its own loopback listener without a token, and 404 on the main port', async () => {
    // Counted by the route bundle, served by the listener the start-up code opened: one registry.
    expect((await fetch(`${withPort.url}/repository/api/project/list`)).status).toBe(401);
    const own = await fetch(`${port()}/metrics`);
    expect(own.status).toBe(200);
    const samples = parseSamples(await own.text());
    expect(sampleValue(samples, 'ferry_runs_queued')).toBe(0);
    expect(sampleValue(samples, 'ferry_http_requests_total', { route: '/repository/api/project/list', method: 'GET', status: '401' })).toBe(
      1,
    );
    const main = await fetch(`${withPort.url}/metrics`);
    expect(main.status).toBe(404);
    expect(((await main.json()) as { code: number }).code).toBe(250123);
  });

  it('answers nothing else on that port', async () => {
    expect((await fetch(`${port()}/api/health`)).status).toBe(404);
    expect((await fetch(`${port()}/metrics`, { method: 'DELETE' })).status).toBe(405);
    const head = await fetch(`${port()}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('with neither FERRY_METRICS_TOKEN nor FERRY_METRICS_PORT', () => {
  it('keeps /metrics off: 404, whatever the credentials', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { Authorization: `Bearer ${METRICS_TOKEN}` },
      { Authorization: basicAuth('admin', 'admin-test-password') },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${plain.url}/metrics`, { headers });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('ferry_');
    }
  });
});

describe('GET /api/ready', () => {
  type Ready = { code: number; message: string | null; data: { status: string; checks: Record<string, string> }; traceId: string };
  const ready = async () => {
    const response = await fetch(`${plain.url}/api/ready`);
    return { status: response.status, body: (await response.json()) as Ready };
  };

  it('answers 200 when the database, its migrations and the blob store are usable', async () => {
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: 0,
      message: null,
      data: { status: 'ready', checks: { database: 'ok', migrations: 'ok', blobStore: 'ok' } },
    });
  });

  it('answers 503 naming the blob store while its folder is unusable, and 200 again once it is back', async () => {
    const blobs = path.join(plain.dataDir, 'blobs');
    const away = `${blobs}.away`;
    await rename(blobs, away);
    try {
      // Gone, then a file where the folder was.
      for (const breakIt of [async () => undefined, () => writeFile(blobs, 'not a folder')]) {
        await breakIt();
        const { status, body } = await ready();
        expect(status).toBe(503);
        expect(body.code).toBe(250125);
        expect(body.message).toContain('blob store');
        expect(body.message).not.toContain('database');
        expect(body.data.checks).toEqual({ database: 'ok', migrations: 'ok', blobStore: 'failing' });
        // The cause is logged, never told to the anonymous caller.
        expect(body.message).not.toContain(plain.dataDir);
        // Liveness is not readiness: the process is alive.
        expect((await fetch(`${plain.url}/api/health`)).status).toBe(200);
      }
    } finally {
      await rm(blobs, { force: true });
      await rename(away, blobs).catch(() => mkdir(blobs, { recursive: true }));
    }
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body.data.status).toBe('ready');
    expect(plain.output()).toContain('"msg":"not ready"');
  });

  it('answers other methods 405 in the envelope', async () => {
    const response = await fetch(`${plain.url}/api/ready`, { method: 'POST', body: '\0' });
    expect(response.status).toBe(405);
    expect(((await response.json()) as { code: number }).code).toBe(250110);
  });
});
