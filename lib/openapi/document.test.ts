import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../http/error-codes';
import { buildOpenApiDocument, errorCodesOf, operations } from './document';

type Doc = { paths: Record<string, Record<string, { 'x-ferry-route': string; security: unknown[]; responses: Record<string, unknown> }>> };

const APP = join(process.cwd(), 'app');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === 'route.ts' ? [path] : [];
  });
}

/** The route's folder as Next.js serves it: route groups `(admin)` are not part of the URL. */
function routeOf(file: string): string {
  const folders = relative(APP, file).split(sep).slice(0, -1);
  return `/${folders.filter((folder) => !/^\(.*\)$/.test(folder)).join('/')}`;
}

/** The methods a route file implements: its own exports, and everything `everyMethod` hands out (not otherMethods' 405s). */
function implementedMethods(source: string): string[] {
  const methods = new Set<string>();
  for (const [, method] of source.matchAll(/export (?:const|async function|function) (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g))
    methods.add(method as string);
  for (const [, list] of source.matchAll(/export const \{([^}]*)\} = everyMethod\(/g)) {
    for (const method of (list as string).split(',').map((name) => name.trim())) if (METHODS.includes(method)) methods.add(method);
  }
  return [...methods];
}

const files = routeFiles(APP).map((file) => ({ route: routeOf(file), source: readFileSync(file, 'utf8') }));
const document = buildOpenApiDocument() as unknown as Doc;

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect((document as unknown as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('has every method every app/**/route.ts implements', () => {
    expect(files.length).toBeGreaterThan(60);
    const documented = new Set(
      Object.values(document.paths).flatMap((item) =>
        Object.entries(item).map(([method, op]) => `${method.toUpperCase()} ${op['x-ferry-route']}`),
      ),
    );
    const missing = files.flatMap(({ route, source }) =>
      implementedMethods(source)
        .map((method) => `${method} ${route}`)
        .filter((key) => !documented.has(key)),
    );
    expect(missing).toEqual([]);
  });

  it('documents no route that does not exist, at the path its folder spells', () => {
    const routes = new Set(files.map((file) => file.route));
    for (const operation of operations) {
      expect(routes, operation.route).toContain(operation.route);
      if (!operation.route.includes('...')) expect(operation.path).toBeUndefined();
    }
  });

  it('uses the very zod schemas the routes validate with', async () => {
    for (const { route, source } of files) {
      const declared = [...source.matchAll(/\b(body|query): (\w+Schema)\b/g)].map(([, kind, name]) => ({ kind, name }));
      const positional = /imageDeleteRoute\(\s*'[^']+',\s*(\w+Schema),/.exec(source);
      if (positional?.[1]) declared.push({ kind: 'query', name: positional[1] });
      for (const { kind, name } of declared) {
        const from = new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from '@/([^']+)'`).exec(source)?.[1];
        expect(from, `${route} imports ${name}`).toBeDefined();
        const schema = (await import(/* @vite-ignore */ `@/${from}`))[name as string];
        const documented = operations
          .filter((operation) => operation.route === route)
          .map((operation) => operation[kind as 'body' | 'query']);
        expect(documented, `${route} ${kind} ${name}`).toContain(schema);
      }
      // And no schema in the document that the route does not validate with.
      for (const operation of operations.filter((candidate) => candidate.route === route)) {
        if (operation.body)
          expect(
            declared.some((entry) => entry.kind === 'body'),
            `${route} body`,
          ).toBe(true);
        if (operation.query)
          expect(
            declared.some((entry) => entry.kind === 'query'),
            `${route} query`,
          ).toBe(true);
      }
    }
  });

  it('states the access rule each route file declares', () => {
    const accessOf = (rule: string): string => {
      if (rule === 'adminOnly') return 'admin';
      if (rule === 'anyone') return 'anonymous';
      if (rule === 'maintainerOfPath') return 'MAINTAINER';
      return /\('([A-Z_]+)'/.exec(rule)?.[1] ?? rule;
    };
    for (const { route, source } of files) {
      if (route.startsWith('/v2') || route.includes('[[...unknown]]')) continue;
      const declared = new Set([...source.matchAll(/access: (\w+(?:\('[A-Z_]+')?)/g)].map(([, rule]) => accessOf(rule as string)));
      // The wrappers that fix the rule themselves (lib/api/repo-change-route.ts, image-delete-route.ts).
      if (/repoChangeRoute\(|imageDeleteRoute\(/.test(source)) declared.add('MAINTAINER');
      if (declared.size === 0) declared.add('none');
      const documented = new Set(operations.filter((operation) => operation.route === route).map((operation) => operation.access));
      expect([...documented].sort(), route).toEqual([...declared].sort());
    }
  });

  it('gives each operation its auth, the envelope and the error codes the wrapper adds', () => {
    const create = document.paths['/replication/api/cluster/create']?.post;
    expect(create?.security).toEqual([{ basicAuth: [] }, { bearerAuth: [] }, { sessionCookie: [], csrfToken: [] }]);
    expect(Object.keys(create?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '409', '413', '415', '429', '500']),
    );
    expect(JSON.stringify(create?.responses['200'])).toContain('#/components/schemas/Envelope');
    const health = document.paths['/api/health']?.get;
    expect(health?.security).toEqual([]);
    const download = document.paths['/generic/{projectId}/{repoName}/{path}']?.get;
    expect(download?.security[0]).toEqual({});
  });

  it('lists the codes an operation answers: its own, the input ones with a body, auth ones with credentials', () => {
    const login = operations.find((operation) => operation.route === '/repository/api/auth/login');
    expect(login && errorCodesOf(login)).toEqual(
      expect.arrayContaining([ErrorCode.AUTH_FAILED, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.SYSTEM_ERROR]),
    );
    const health = operations.find((operation) => operation.route === '/api/health');
    expect(health && errorCodesOf(health)).toEqual([ErrorCode.SYSTEM_ERROR]);
    const list = operations.find((operation) => operation.route === '/repository/api/project/list');
    expect(list && errorCodesOf(list)).not.toContain(ErrorCode.CSRF_TOKEN_INVALID);
  });

  it('describes the items of a body array with the schema the operation parses them with', () => {
    const create = document.paths['/replication/api/remote/distribution/create/{projectId}/{repoName}']?.post as unknown as {
      requestBody: { content: { 'application/json': { schema: { properties: { configs: { items: { required?: string[] } } } } } } };
    };
    expect(create.requestBody.content['application/json'].schema.properties.configs.items.required).toContain('name');
  });

  it('gives every operation a unique operationId', () => {
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((op) => (op as unknown as { operationId: string }).operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });
});
