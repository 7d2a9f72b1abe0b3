import type { z } from 'zod';
import { AccessRefusal } from '../access/refusal';
import { type AccessRule, enforceAccess } from '../access/rules';
import { AuditTrail } from '../audit/audit-trail';
import type { AuditAction } from '../audit/schemas';
import { authenticateRequest, type Principal } from '../auth/authenticate';
import { csrfTokenMatches, SESSION_COOKIE } from '../auth/sessions';
import { type Database, getDb } from '../db/client';
import { env } from '../env';
import { AppError } from '../http/app-error';
import { clientAddressOf } from '../http/client-address';
import { PASSTHROUGH_CONTENT_LENGTH } from '../http/content-length';
import { failure, ok } from '../http/envelope';
import { ErrorCode } from '../http/error-codes';
import { describeError, log } from '../http/log';
import { assertStorableText } from '../http/text-guards';
import { traceIdOf, withTrace } from '../http/trace-context';
import { parseOrThrow } from '../http/validation';
import { observeRequest, routeTemplate } from '../observability/metrics';
import { readJsonBody } from './read-json';
import { flattenParams, type NextRouteParams, type RouteParamsOf } from './route-params';

type NextContext = { params: Promise<NextRouteParams> };
export type RouteHandler = (request: Request, nextContext: NextContext) => Promise<Response>;

export type RouteContext<Body, Query, Params, Caller = Principal> = {
  request: Request;
  db: Database;
  /** Null only on routes declared `anonymous`, for callers without credentials. */
  principal: Caller;
  /** The cookie session's csrf token; null for Basic/Bearer and anonymous callers. */
  csrfToken: string | null;
  params: Params;
  body: Body;
  query: Query;
  traceId: string;
  /** Added to the answer, whether the handler returns data or throws (e.g. Set-Cookie). */
  responseHeaders: Headers;
  /** The project the access rule located (null for rules without one). */
  target: { projectName: string; repoName?: string } | null;
  /** This request's audit row, on routes declaring `audit` (else a trail nobody writes). */
  audit: AuditTrail;
};

type RouteOptions<Path extends string, BodySchema, QuerySchema, Anonymous extends boolean> = {
  /** The route's path template as its folders spell it; types `params`. */
  path?: Path;
  body?: BodySchema;
  query?: QuerySchema;
  /**
   * Let callers without credentials through (principal null), e.g. sign-in and downloads from
   * public repositories; the handler decides, and throws AUTH_FAILED to ask for credentials.
   * Wrong credentials are still refused.
   */
  anonymous?: Anonymous;
  /** Who may call: lib/access/rules.ts (`signedIn`, `adminOnly`, `inProject('MAINTAINER')`, …). */
  access: AccessRule;
  /** The audit action of a mutating route: one row per call, OK, DENIED or FAILED. */
  audit?: AuditAction;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="ferry", charset="UTF-8"' };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * The one wrapper every JSON API route uses: trace id, input limits, authentication, CSRF,
 * body/query/params parsing, error mapping and bk-repo's {code, message, data, traceId}
 * envelope. Handlers return data, or a Response when they stream (downloads).
 */
export function apiRoute<
  Path extends string = '',
  BodySchema extends z.ZodType | undefined = undefined,
  QuerySchema extends z.ZodType | undefined = undefined,
  Anonymous extends boolean = false,
>(
  options: RouteOptions<Path, BodySchema, QuerySchema, Anonymous>,
  handler: (
    context: RouteContext<Out<BodySchema>, Out<QuerySchema>, RouteParamsOf<Path>, Anonymous extends true ? Principal | null : Principal>,
  ) => Promise<unknown>,
): RouteHandler {
  const route = routeTemplate(options.path ?? '');
  const routeHandler: RouteHandler = async (request, nextContext) => {
    const traceId = traceIdOf(request);
    // Every line logged while answering carries the trace id (lib/http/log.ts).
    return withTrace({ traceId }, () => answer(request, nextContext, traceId));
  };
  templates.set(routeHandler, route);
  return routeHandler;

  async function answer(request: Request, nextContext: NextContext, traceId: string): Promise<Response> {
    const started = performance.now();
    const url = new URL(request.url);
    const responseHeaders = new Headers({ 'X-Request-Id': traceId });
    let status = 500;
    let username: string | undefined;
    let trail: AuditTrail | undefined;
    let db: Database | undefined;
    try {
      const params = checkedParams(flattenParams(await nextContext.params));
      db = await getDb();
      const authenticated = await authenticateRequest(db, request);
      // Anonymous routes refuse a wrong Authorization header, but a stale session cookie must not
      // stop anyone signing in again.
      const auth =
        authenticated ?? (options.anonymous && !request.headers.has('authorization') ? { principal: null, csrfToken: null } : null);
      if (!auth) throw new AppError(ErrorCode.AUTH_FAILED, 'Authentication required: send HTTP Basic credentials or a Bearer API token');
      // Double-submit CSRF check: a cookie rides along on cross-site requests, the header cannot.
      if (
        auth.csrfToken !== null &&
        !SAFE_METHODS.has(request.method) &&
        !csrfTokenMatches(auth.csrfToken, request.headers.get('x-csrf-token'))
      ) {
        throw new AppError(ErrorCode.CSRF_TOKEN_INVALID, 'Missing or wrong X-CSRF-Token for this session; reload the page', 'X-CSRF-Token');
      }
      username = auth.principal?.username;
      const audit = new AuditTrail(
        { userId: username ?? null, address: clientAddressOf(request), traceId, action: options.audit ?? null },
        { resource: url.pathname, detail: {} },
      );
      if (options.audit) trail = audit;
      const query = options.query ? parseOrThrow(options.query, checkedQuery(url.searchParams)) : undefined;
      const body = options.body ? parseOrThrow(options.body, await readJsonBody(request, env().FERRY_MAX_JSON_BYTES)) : undefined;
      audit.note({ detail: requestDetail(query, body) });
      const target = await enforceAccess(options.access, auth.principal, { db, params, query, body, method: request.method }, (located) =>
        audit.note({ projectId: located.projectName, repoName: located.repoName ?? null }),
      );
      const result = await handler({
        request,
        db,
        principal: auth.principal as Principal,
        csrfToken: auth.csrfToken,
        params: params as RouteParamsOf<Path>,
        body: body as Out<BodySchema>,
        query: query as Out<QuerySchema>,
        traceId,
        responseHeaders,
        target,
        audit,
      });
      // The change is made: a failing audit write is logged, never turned into a refusal of it.
      if (trail) await finishAudit(db, trail, 'OK', traceId);
      if (result instanceof Response) {
        status = result.status;
        const length = result.headers.get('content-length');
        if (length !== null) result.headers.set(PASSTHROUGH_CONTENT_LENGTH, length);
        for (const [name, value] of responseHeaders) if (!result.headers.has(name)) result.headers.set(name, value);
        return result;
      }
      status = 200;
      return Response.json(ok(result ?? null, traceId), { status, headers: responseHeaders });
    } catch (error) {
      const answer = errorResponse(error, request, traceId, responseHeaders);
      status = answer.status;
      if (trail && db) {
        const message = error instanceof AppError ? error.message : 'internal error';
        await finishAudit(db, trail, error instanceof AccessRefusal ? 'DENIED' : 'FAILED', traceId, message);
      }
      return answer;
    } finally {
      const ms = performance.now() - started;
      observeRequest(route, request.method, status, ms / 1000);
      log('info', 'request', {
        method: request.method,
        path: url.pathname,
        route: options.path,
        status,
        user: username,
        ms: Math.round(ms),
      });
    }
  }
}

const templates = new WeakMap<RouteHandler, string>();

/** The route template an apiRoute handler answers (for metrics of the methods it does not implement). */
export function routeTemplateOf(handler: RouteHandler): string | undefined {
  return templates.get(handler);
}

/**
 * The wrapper's audit row: OK unless the operation wrote it in its own transaction; refusals of
 * the access checks DENIED, anything else that failed a mutating call FAILED. A row that cannot be
 * written is logged and does not change the answer.
 */
async function finishAudit(
  db: Database,
  trail: AuditTrail,
  outcome: 'OK' | 'DENIED' | 'FAILED',
  traceId: string,
  message?: string,
): Promise<void> {
  await trail.finish(db, outcome, message).catch((failure: unknown) => {
    log('error', 'audit row not written', { traceId, error: describeError(failure) });
  });
}

/** What the request asked for, as the audit row's default detail (masked by recordAudit). */
function requestDetail(query: unknown, body: unknown): Record<string, unknown> {
  const detail: Record<string, unknown> = {};
  if (query && typeof query === 'object' && Object.keys(query).length > 0) detail.query = query;
  if (body !== undefined) detail.request = body;
  return detail;
}

/** The envelope for a thrown error; anything but an AppError is a bug: 500, logged with its stack. */
export function errorResponse(
  error: unknown,
  request: Request,
  traceId: string,
  headers = new Headers({ 'X-Request-Id': traceId }),
): Response {
  if (error instanceof AppError) {
    // The challenge makes browsers pop a password dialog; the admin UI shows its own sign-in page.
    if (error.code === ErrorCode.AUTH_FAILED && !isBrowserCall(request)) headers.set('WWW-Authenticate', CHALLENGE['WWW-Authenticate']);
    // An unread body would otherwise be parsed as the next request on this connection.
    if (error.code === ErrorCode.PAYLOAD_TOO_LARGE) headers.set('Connection', 'close');
    if (error.retryAfterSeconds !== undefined) headers.set('Retry-After', String(error.retryAfterSeconds));
    return Response.json(failure(error.code, error.message, traceId), { status: error.status, headers });
  }
  log('error', 'unhandled error', { traceId, error: describeError(error) });
  return Response.json(failure(ErrorCode.SYSTEM_ERROR, `Internal error; quote traceId ${traceId} when reporting it`, traceId), {
    status: 500,
    headers,
  });
}

function checkedParams(params: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(params)) assertStorableText(value, name);
  return params;
}

function checkedQuery(search: URLSearchParams): Record<string, string> {
  const query = Object.fromEntries(search);
  for (const [name, value] of Object.entries(query)) {
    assertStorableText(name, name);
    assertStorableText(value, name);
  }
  return query;
}

function isBrowserCall(request: Request): boolean {
  return request.headers.has('x-requested-with') || (request.headers.get('cookie') ?? '').includes(`${SESSION_COOKIE}=`);
}
