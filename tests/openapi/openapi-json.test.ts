import { describe, expect, it } from 'vitest';
import { ferryForFile } from '../support/ferry-for-file';
import { rawRequest } from '../support/raw-http';

// Metrics on (they answer 404 when off): every documented path must be one the server answers.
const ferry = ferryForFile({ env: { FERRY_METRICS_TOKEN: 'openapi-test-metrics-token' } });

type Doc = { openapi: string; paths: Record<string, Record<string, { 'x-ferry-route': string }>> };

/** The envelope's code, or null for answers that are no envelope (files, OCI, the document itself). */
function codeOf(body: Buffer): unknown {
  try {
    return (JSON.parse(body.toString()) as { code?: unknown }).code ?? null;
  } catch {
    return null;
  }
}

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(ferry.server.url, { method: 'GET', path, headers });

describe('GET /api/openapi.json', () => {
  it('answers the OpenAPI 3.1 document without credentials, cacheable by ETag', async () => {
    const response = await get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const doc = JSON.parse(response.body.toString()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/replication/api/remote/distribution/create/{projectId}/{repoName}');

    const again = await get('/api/openapi.json', { 'If-None-Match': String(response.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const stale = await get('/api/openapi.json', { 'If-None-Match': '"not-this-one"' });
    expect(stale.status).toBe(200);
  });

  it('ignores query junk and credentials: the same document', async () => {
    const plain = await get('/api/openapi.json');
    const junk = await get(`/api/openapi.json?%00=%00&format=yaml&x=${'a'.repeat(6000)}&__proto__=1`);
    expect(junk.status).toBe(200);
    expect(junk.body.equals(plain.body)).toBe(true);
    const wrongCredentials = await get('/api/openapi.json', { Authorization: 'Basic Z2hvc3Q6bm9wZQ==' });
    expect(wrongCredentials.status).toBe(200);
  });

  it('refuses other methods with 405 and Allow, answers OPTIONS and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await rawRequest(ferry.server.url, { method, path: '/api/openapi.json' });
      expect(response.status, `${method} ${response.body.toString()}`).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
      expect(JSON.parse(response.body.toString())).toMatchObject({ code: 250110, data: null });
    }
    const options = await rawRequest(ferry.server.url, { method: 'OPTIONS', path: '/api/openapi.json' });
    expect([options.status, options.headers.allow]).toEqual([204, 'GET, HEAD, OPTIONS']);
    const head = await rawRequest(ferry.server.url, { method: 'HEAD', path: '/api/openapi.json' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('answers the unknown-endpoint envelope under and beside it', async () => {
    for (const path of ['/api/openapi.json/extra', '/api/openapi.yaml', '/api/openapi.json%00']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(JSON.parse(response.body.toString()).code, path).toBe(250123);
    }
  });

  it('documents only paths and methods the server answers (none is an unknown endpoint or a 405)', async () => {
    const doc = JSON.parse((await get('/api/openapi.json')).body.toString()) as Doc;
    const checked: string[] = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      if (template.endsWith('/{unknown}')) continue;
      const v2 = template.startsWith('/v2/');
      const path = template.replace(/\{(\w+)\}/g, (_whole, name: string) => (v2 && name === 'name' ? 'p/r/image' : `x${name}`));
      for (const method of Object.keys(item)) {
        const response = await rawRequest(ferry.server.url, { method: method.toUpperCase(), path });
        expect(response.status, `${method} ${path}`).not.toBe(405);
        expect(codeOf(response.body), `${method} ${path}`).not.toBe(250123);
        checked.push(`${method} ${path}`);
      }
    }
    expect(checked.length).toBeGreaterThan(80);
  });
});
