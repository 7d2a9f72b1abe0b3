import { ErrorCode } from '../../http/error-codes';
import type { HttpMethod, Operation } from '../operation';

const FALLBACK_METHODS: HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The catch-all under each API prefix: any path no route matches answers the 404 envelope. */
const fallback = (prefix: string): Operation[] =>
  FALLBACK_METHODS.map((method) => ({
    route: `${prefix}/[[...unknown]]`,
    path: `${prefix}/{unknown}`,
    method,
    tag: 'Platform',
    summary: `Any other path under ${prefix}/: 404 with code 250123`,
    description: 'Every method answers the envelope, never an HTML page, so scripts can parse the refusal.',
    access: 'none',
    errors: [ErrorCode.ENDPOINT_NOT_FOUND],
  }));

export const platformOperations: Operation[] = [
  {
    route: '/api/health',
    method: 'GET',
    tag: 'Platform',
    summary: 'Health: 200 once the database is open and migrated',
    access: 'none',
    responses: {
      '200': {
        description: 'Ready',
        content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] } } },
      },
      '503': {
        description: 'Starting',
        content: {
          'application/json': { schema: { type: 'object', properties: { status: { const: 'starting' } }, required: ['status'] } },
        },
      },
    },
  },
  {
    route: '/api/openapi.json',
    method: 'GET',
    tag: 'Platform',
    summary: 'This OpenAPI 3.1 document',
    description: 'Public, as the README and the bk-repo and Harbor specs are: it describes the API, never data.',
    access: 'none',
    responses: {
      '200': { description: 'The document', content: { 'application/json': { schema: { type: 'object' } } } },
    },
  },
  ...fallback('/api'),
  ...fallback('/replication/api'),
  ...fallback('/repository/api'),
];
