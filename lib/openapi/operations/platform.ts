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
    route: '/api/ready',
    method: 'GET',
    tag: 'Platform',
    summary: 'Readiness: PostgreSQL, the applied migrations and the blob store',
    description:
      'For load balancers and Kubernetes readiness probes; `/api/health` stays liveness. Each check has a 3 s limit; ' +
      '`data.checks` names every part with its state, and a 503 message names the failing ones (the cause goes to the server log).',
    access: 'none',
    data: '{status: "ready" | "not ready", checks: {database, migrations, blobStore}}',
    errors: [ErrorCode.NOT_READY],
  },
  {
    route: '/metrics',
    method: 'GET',
    tag: 'Platform',
    summary: 'Prometheus metrics (text exposition format)',
    description:
      'Off (404) unless FERRY_METRICS_TOKEN is set (then `Authorization: Bearer <token>` is required, 401 otherwise) ' +
      'or FERRY_METRICS_PORT moves it to a listener of its own (then this path answers 404). The README lists every metric.',
    access: 'none',
    responses: {
      '200': { description: 'Metrics', content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } } },
      '401': { description: 'Missing or wrong bearer token (envelope, code 250112)' },
      '404': { description: 'Metrics off on this port' },
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
