import { z } from 'zod';
import { ErrorCode, type ErrorCodeValue, httpStatusOf } from '../http/error-codes';
import { FERRY_VERSION } from '../version';
import type { Access, OpenApiObject, Operation } from './operation';
import { driftOperations } from './operations/drift';
import { fileOperations } from './operations/files';
import { notificationOperations } from './operations/notifications';
import { ociOperations } from './operations/oci';
import { platformOperations } from './operations/platform';
import { previewOperations } from './operations/previews';
import { replicationOperations } from './operations/replication';
import { repositoryOperations } from './operations/repository';

/** Every operation of every app/**\/route.ts (the unit test walks the folders to keep it so). */
export const operations: readonly Operation[] = [
  ...replicationOperations,
  ...notificationOperations,
  ...driftOperations,
  ...previewOperations,
  ...repositoryOperations,
  ...fileOperations,
  ...ociOperations,
  ...platformOperations,
];

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const NAME_OF = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

const ACCESS_TEXT: Record<Access, string> = {
  none: 'No credentials needed.',
  anonymous: 'Anonymous callers are let through (public repositories; sign-in); wrong credentials are still refused.',
  signedIn: 'Any signed-in user or API token.',
  admin: 'Administrators only (an unscoped WRITE token of an administrator).',
  VIEWER: 'VIEWER or more on the project (a READ token suffices).',
  MAINTAINER: 'MAINTAINER or more on the project (a WRITE token).',
  PROJECT_ADMIN: 'PROJECT_ADMIN on the project, or an administrator (a WRITE token).',
};

/**
 * The OpenAPI 3.1 document of Ferry's HTTP API. Request bodies and query parameters are the zod
 * schemas the routes validate with, converted by zod's own z.toJSONSchema (JSON Schema 2020-12 is
 * OpenAPI 3.1's dialect); what zod does not describe (binary bodies, OCI answers) is written out in
 * lib/openapi/operations/.
 */
export function buildOpenApiDocument(): OpenApiObject {
  const paths: Record<string, Record<string, OpenApiObject>> = {};
  for (const operation of operations) {
    const path = openApiPath(operation);
    paths[path] ??= {};
    paths[path][operation.method.toLowerCase()] = describeOperation(operation, path);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ferry API',
      version: FERRY_VERSION,
      description: infoDescription(),
    },
    servers: [{ url: '/' }],
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        basicAuth: {
          type: 'http',
          scheme: 'basic',
          description: 'A Ferry user and password, or any username with an API token as password.',
        },
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token from POST /repository/api/token/create.' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ferry_session',
          description: 'The admin UI session from POST /repository/api/auth/login.',
        },
        csrfToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: "The session's csrfToken; required with the cookie on every method but GET, HEAD and OPTIONS (else 403, 250111).",
        },
      },
      schemas: {
        Envelope: {
          type: 'object',
          description: "bk-repo's response envelope: code 0 and message null on success.",
          properties: {
            code: { type: 'integer', description: '0 on success, else one of the error codes' },
            message: { type: ['string', 'null'] },
            data: {},
            traceId: { type: 'string', description: "Fresh per request, or the caller's X-Request-Id" },
          },
          required: ['code', 'message', 'data', 'traceId'],
        },
        ErrorEnvelope: {
          type: 'object',
          properties: {
            code: { type: 'integer', enum: Object.values(ErrorCode) },
            message: { type: 'string', description: 'Names the field: Parameter [configs[0].remoteRepoName] is missing' },
            data: { type: 'null' },
            traceId: { type: 'string' },
          },
          required: ['code', 'message', 'data', 'traceId'],
        },
        OciErrors: {
          type: 'object',
          description: 'distribution-spec §"Error Codes"',
          properties: {
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { code: { type: 'string' }, message: { type: 'string' }, detail: {} },
                required: ['code', 'message'],
              },
            },
          },
          required: ['errors'],
        },
      },
    },
  };
}

/** The OpenAPI path template: given, or the folder's with [param] as {param}. */
function openApiPath(operation: Operation): string {
  return operation.path ?? operation.route.replace(/\[{1,2}(?:\.\.\.)?(\w+)\]{1,2}/g, '{$1}');
}

function describeOperation(operation: Operation, path: string): OpenApiObject {
  const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
    ...(name === 'path' || name === 'name' ? { description: slashDescription(name, path) } : {}),
  }));
  const parameters = [...pathParameters, ...queryParameters(operation.query), ...(operation.parameters ?? [])];
  const codes = errorCodesOf(operation);
  return {
    operationId: operationId(operation, path),
    tags: [operation.tag],
    summary: operation.summary,
    description: [operation.description, `**Who:** ${ACCESS_TEXT[operation.access]}`, operation.audited ? 'Writes an audit row.' : '']
      .filter(Boolean)
      .join('\n\n'),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...requestBodyOf(operation),
    security: securityOf(operation),
    responses: { ...successResponses(operation), ...errorResponses(codes) },
    'x-ferry-route': operation.route,
    'x-ferry-access': operation.access,
    ...(codes.length > 0 ? { 'x-ferry-error-codes': codes } : {}),
  };
}

function slashDescription(name: string, path: string): string | undefined {
  if (name === 'path') return 'The file or folder path; may contain /';
  return path.startsWith('/v2/') ? '{projectId}/{repoName}/{image}; the image may contain /' : undefined;
}

/** zod → JSON Schema 2020-12, as the request arrives (defaults and coercions apply after). */
function jsonSchemaOf(schema: z.ZodType): OpenApiObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return rest;
}

function queryParameters(schema: z.ZodType | undefined): OpenApiObject[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema) as { properties?: Record<string, OpenApiObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

function requestBodyOf(operation: Operation): OpenApiObject {
  if (operation.requestBody) return { requestBody: operation.requestBody };
  if (!operation.body) return {};
  const schema = jsonSchemaOf(operation.body) as { properties?: Record<string, OpenApiObject> };
  for (const [field, items] of Object.entries(operation.bodyItems ?? {})) {
    const property = schema.properties?.[field];
    if (property) property.items = jsonSchemaOf(items);
  }
  return { requestBody: { required: true, content: { 'application/json': { schema } } } };
}

function securityOf(operation: Operation): OpenApiObject[] {
  if (operation.access === 'none') return [];
  const cookie = SAFE.has(operation.method) ? { sessionCookie: [] } : { sessionCookie: [], csrfToken: [] };
  const withCredentials = [{ basicAuth: [] }, { bearerAuth: [] }, ...(operation.route.startsWith('/v2/') ? [] : [cookie])];
  return operation.access === 'anonymous' ? [{}, ...withCredentials] : withCredentials;
}

function successResponses(operation: Operation): Record<string, OpenApiObject> {
  if (operation.responses) return operation.responses;
  if (operation.data === undefined) return {};
  return {
    '200': {
      description: `Success: data is ${operation.data}`,
      content: {
        'application/json': {
          schema: { allOf: [{ $ref: '#/components/schemas/Envelope' }], properties: { code: { const: 0 }, message: { type: 'null' } } },
        },
      },
    },
  };
}

/** The codes an operation may answer: its own, plus those the route wrapper adds for its inputs and auth. */
export function errorCodesOf(operation: Operation): ErrorCodeValue[] {
  if (operation.route.startsWith('/v2/')) return [];
  const codes = new Set<ErrorCodeValue>(operation.errors ?? []);
  if (operation.access !== 'none') {
    codes.add(ErrorCode.AUTH_FAILED);
    codes.add(ErrorCode.TOO_MANY_REQUESTS);
    codes.add(ErrorCode.PARAMETER_INVALID);
    if (!SAFE.has(operation.method)) codes.add(ErrorCode.CSRF_TOKEN_INVALID);
  }
  if (['admin', 'VIEWER', 'MAINTAINER', 'PROJECT_ADMIN'].includes(operation.access)) codes.add(ErrorCode.PERMISSION_DENIED);
  if (operation.query || operation.body) {
    codes.add(ErrorCode.PARAMETER_MISSING);
    codes.add(ErrorCode.PARAMETER_INVALID);
    codes.add(ErrorCode.REQUEST_CONTENT_INVALID);
  }
  if (operation.body) {
    codes.add(ErrorCode.PAYLOAD_TOO_LARGE);
    codes.add(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  }
  codes.add(ErrorCode.SYSTEM_ERROR);
  return [...codes].sort((a, b) => a - b);
}

function errorResponses(codes: ErrorCodeValue[]): Record<string, OpenApiObject> {
  const byStatus = new Map<number, ErrorCodeValue[]>();
  for (const code of codes) byStatus.set(httpStatusOf[code], [...(byStatus.get(httpStatusOf[code]) ?? []), code]);
  const responses: Record<string, OpenApiObject> = {};
  for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: group.map((code) => `${code} ${NAME_OF.get(code)}`).join(', '),
      ...(status === 401
        ? {
            headers: { 'WWW-Authenticate': { description: 'Basic realm="ferry" (omitted for browser calls)', schema: { type: 'string' } } },
          }
        : {}),
      ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
      content: {
        'application/json': {
          schema: { allOf: [{ $ref: '#/components/schemas/ErrorEnvelope' }], properties: { code: { enum: group } } },
        },
      },
    };
  }
  return responses;
}

function operationId(operation: Operation, path: string): string {
  const words = path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1));
  return `${operation.method.toLowerCase()}${words.join('')}`;
}

function infoDescription(): string {
  const rows = Object.entries(ErrorCode).map(([name, code]) => `| ${code} | ${httpStatusOf[code]} | ${name} |`);
  return [
    "Ferry's HTTP API: bk-repo's remote distribution and repository APIs, the generic file store, and an OCI registry at /v2/.",
    'JSON endpoints answer `{code, message, data, traceId}`; `code` 0 is success. HEAD follows GET. Any other method a route does not implement answers 405 (250110) with `Allow`; OPTIONS answers 204 with `Allow`.',
    'Credentials: HTTP Basic (user password, or an API token as password), `Authorization: Bearer <token>`, or the admin UI session cookie plus `X-CSRF-Token` on changes.',
    '| code | HTTP | name |\n| --- | --- | --- |',
  ]
    .join('\n\n')
    .concat('\n', rows.join('\n'));
}
