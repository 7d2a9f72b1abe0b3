import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, dataOf } from '../support/api-client';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { basicAuth } from '../support/harness';

// Property-based fuzzing of every JSON route: hostile bodies, queries and path segments derived by
// fast-check. Whatever arrives, Ferry answers an envelope (never a 5xx), a refusal carries a
// non-zero code, and nothing it stores holds what the database or the API rules forbid.
type Route = { method: string; template: string };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const API_PREFIXES = ['replication/api', 'repository/api', 'api'];

function jsonRoutes(): Route[] {
  const routes: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts' && !full.includes('[[...unknown]]')) {
        const source = readFileSync(full, 'utf8');
        const template = `/${path.relative('app', path.dirname(full))}`;
        for (const method of METHODS) if (new RegExp(`export const ${method} = `).test(source)) routes.push({ method, template });
      }
    }
  };
  for (const prefix of API_PREFIXES) walk(path.join('app', prefix));
  return routes;
}

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\udc00x', '..', '../..', '%00', '%zz', ' ', '', 'runOnceTask', 'Ä', '😀'),
  fc.string({ minLength: 300, maxLength: 2000 }),
);
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileText, fc.constantFrom('name', 'configs', 'registry', 'clusterId', 'url', 'password')), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;

let server: FerryServer;
let known: { projectId: string; repoName: string; dockerRepo: string };
beforeAll(async () => {
  server = await startFerry();
  const admin = apiClient(server.url);
  known = { projectId: 'fuzzproj', repoName: 'files', dockerRepo: 'images' };
  dataOf(await admin.post('/repository/api/project/create', { name: known.projectId }));
  dataOf(await admin.post('/repository/api/repo/create', { projectId: known.projectId, name: known.repoName, type: 'GENERIC' }));
  dataOf(await admin.post('/repository/api/repo/create', { projectId: known.projectId, name: known.dockerRepo, type: 'DOCKER' }));
});
afterAll(() => server?.stop());

// "." and ".." never reach a server as segments: every client resolves them first (WHATWG URL, even
// as %2E%2E), so the request is for another path, which past a route's depth is outside the API.
const isDotSegment = (text: string) => text === '.' || text === '..';
const segment = fc.oneof(
  fc.constantFrom('fuzzproj', 'files', 'images', 'cfg'),
  hostileText.filter((text) => text.length > 0 && text.length < 200 && !isDotSegment(text)),
);

/** encodeURIComponent, except that a lone surrogate is sent as its (invalid) WTF-8 bytes. */
function encodeHostile(text: string): string {
  return Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    }
    return encodeURIComponent(char);
  }).join('');
}

function fillTemplate(template: string, values: string[]): string {
  let index = 0;
  return template.replace(/\[\[?(?:\.\.\.)?\w+\]\]?/g, () => encodeHostile(values[index++ % values.length] ?? 'x'));
}

describe('fuzzing every JSON route', () => {
  const routes = jsonRoutes();

  it('finds the routes it fuzzes', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toContainEqual({ method: 'POST', template: '/replication/api/remote/distribution/create/[projectId]/[repoName]' });
  });

  it('answers every hostile request with an envelope and never a 5xx', async () => {
    const authorization = basicAuth('admin', 'admin-test-password');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.dictionary(
          hostileText.filter((k) => k.length > 0),
          hostileText,
          { maxKeys: 3 },
        ),
        hostileJson,
        async (route, segments, query, body) => {
          const search = new URLSearchParams(query).toString();
          const url = `${server.url}${fillTemplate(route.template, segments)}${search ? `?${search}` : ''}`;
          const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
          const response = await fetch(url, {
            method: route.method,
            headers: { Authorization: authorization, ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
            body: hasBody ? JSON.stringify(body) : undefined,
          });
          const text = await response.text();
          const context = `${route.method} ${url.slice(0, 300)} → ${response.status} ${text.slice(0, 300)}`;
          expect(response.status, context).toBeLessThan(500);
          const envelope = JSON.parse(text) as { code: number; message: string | null };
          if (response.status !== 200) {
            expect(envelope.code, context).not.toBe(0);
            expect(envelope.message, context).toBeTruthy();
          } else {
            expect(envelope.code, context).toBe(0);
          }
        },
      ),
      { numRuns: 400, seed: Number(process.env.FERRY_FUZZ_SEED ?? Date.now() % 100_000) },
    );
    expect(server.output()).not.toMatch(/"level":"error"/);
  }, 240_000);

  it('stored nothing invalid', async () => {
    const admin = apiClient(server.url);
    const projects = dataOf(await admin.get<Array<{ name: string }>>('/repository/api/project/list'));
    const stored: string[] = [];
    for (const project of projects) {
      expect(project.name).toMatch(/^[a-zA-Z_][a-zA-Z0-9_-]{1,99}$/);
      const repos = dataOf(await admin.get<Array<{ name: string }>>(`/repository/api/repo/list/${encodeURIComponent(project.name)}`));
      for (const repo of repos) {
        expect(repo.name).toMatch(/^[a-zA-Z_][a-zA-Z0-9_-]{1,63}$/);
        const configs = dataOf(
          await admin.get<unknown[]>(
            `/replication/api/remote/distribution/info/${encodeURIComponent(project.name)}/${encodeURIComponent(repo.name)}`,
          ),
        );
        stored.push(JSON.stringify(configs));
      }
      stored.push(JSON.stringify(repos));
    }
    stored.push(JSON.stringify(dataOf(await admin.get('/replication/api/cluster/list'))));
    stored.push(JSON.stringify(dataOf(await admin.get('/repository/api/token/list'))));
    stored.push(JSON.stringify(projects));
    for (const text of stored) {
      expect(text).not.toContain('\\u0000');
      expect(text).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
    }
  });
});
