import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { env } from '../env';
import { failure } from '../http/envelope';
import { ErrorCode } from '../http/error-codes';
import { log } from '../http/log';
import { metrics } from './metrics';

/** Whether an Authorization header carries `Bearer <token>`; compared in constant time. */
export function bearerMatches(header: string | null | undefined, token: string): boolean {
  const given = /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1] ?? '';
  // Hashing first makes the lengths equal, so the comparison reveals nothing about the token's length.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token)) && given !== '';
}

async function exposition(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

const envelope = (status: number, code: number, message: string, headers: Record<string, string> = {}) => {
  const traceId = randomBytes(16).toString('hex');
  return Response.json(failure(code, message, traceId), { status, headers: { 'X-Request-Id': traceId, ...headers } });
};

/**
 * GET /metrics on the main port. Off (404, as for any unknown path) unless FERRY_METRICS_TOKEN is
 * set, and always 404 here when FERRY_METRICS_PORT moves metrics to a listener of their own.
 */
export async function answerMetricsRequest(request: Request): Promise<Response> {
  const { FERRY_METRICS_TOKEN: token, FERRY_METRICS_PORT: port } = env();
  if (!token || port !== undefined) {
    return envelope(404, ErrorCode.ENDPOINT_NOT_FOUND, `No endpoint ${request.method} /metrics; the README lists the API`);
  }
  if (!bearerMatches(request.headers.get('authorization'), token)) {
    return envelope(401, ErrorCode.AUTH_FAILED, 'Metrics need the header Authorization: Bearer <FERRY_METRICS_TOKEN>', {
      'WWW-Authenticate': 'Bearer realm="ferry-metrics"',
    });
  }
  const { body, contentType } = await exposition();
  return new Response(request.method === 'HEAD' ? null : body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}

const holder = globalThis as typeof globalThis & { __ferryMetricsServer?: Promise<Server> };

/**
 * The listener of FERRY_METRICS_PORT on FERRY_METRICS_HOST (loopback unless set): /metrics only,
 * without a token unless FERRY_METRICS_TOKEN is set too. Started once per process, by the web
 * server and by `npm run worker`; a port that cannot be bound stops the start.
 */
export function startMetricsServer(): Promise<Server> | undefined {
  const { FERRY_METRICS_PORT: port, FERRY_METRICS_HOST: host, FERRY_METRICS_TOKEN: token } = env();
  if (port === undefined) return undefined;
  holder.__ferryMetricsServer ??= new Promise<Server>((resolve, reject) => {
    const server = createServer((request, response) => {
      const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
        response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(`${text}\n`);
      const path = (request.url ?? '').split('?')[0];
      if (path !== '/metrics') return plain(404, 'Not found: this port serves GET /metrics only');
      if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' });
      if (token && !bearerMatches(request.headers.authorization, token)) {
        return plain(401, 'Authorization: Bearer <FERRY_METRICS_TOKEN> required', { 'WWW-Authenticate': 'Bearer realm="ferry-metrics"' });
      }
      exposition().then(
        ({ body, contentType }) =>
          response.writeHead(200, { 'Content-Type': contentType }).end(request.method === 'HEAD' ? undefined : body),
        () => plain(500, 'metrics could not be collected'),
      );
    });
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      log('info', 'metrics listening', { host, port });
      resolve(server);
    });
  });
  return holder.__ferryMetricsServer;
}
