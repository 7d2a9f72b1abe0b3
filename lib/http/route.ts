import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { authenticateRequest, type Principal } from '../auth/authenticate';
import { csrfTokenMatches, SESSION_COOKIE } from '../auth/sessions';
import { type Database, getDb } from '../db/client';
import { AppError } from './app-error';
import { failure, ok } from './envelope';
import { ErrorCode } from './error-codes';
import { log } from './log';
import { PASSTHROUGH_CONTENT_LENGTH } from './node-server-patches';
import { parseOrThrow } from './validation';

type RouteParams = Record<string, string | string[] | undefined>;
type NextContext = { params: Promise<RouteParams> };

export type RouteContext<Body, Query, Caller = Principal> = {
  request: Request;
  db: Database;
  /** Null only on routes declared `anonymous`, for callers without credentials. */
  principal: Caller;
  /** The cookie session's csrf token; null for Basic/Bearer and anonymous callers. */
  csrfToken: string | null;
  params: Record<string, string>;
  body: Body;
  query: Query;
  traceId: string;
};

type RouteOptions<BodySchema extends z.ZodType | undefined, QuerySchema extends z.ZodType | undefined, Anonymous extends boolean> = {
  body?: BodySchema;
  query?: QuerySchema;
  /**
   * Let callers without credentials through (principal null), e.g. sign-in and downloads from
   * public repositories; the handler decides, and throws AUTH_FAILED to ask for credentials.
   * Wrong credentials are still refused.
   */
  anonymous?: Anonymous;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * The one wrapper every JSON API route uses: trace id, authentication, body/query parsing,
 * error mapping and bk-repo's {code, message, data, traceId} envelope. Handlers return data,
 * or a Response when they need full control.
 */
export function apiRoute<
  BodySchema extends z.ZodType | undefined = undefined,
  QuerySchema extends z.ZodType | undefined = undefined,
  Anonymous extends boolean = false,
>(
  options: RouteOptions<BodySchema, QuerySchema, Anonymous>,
  handler: (
    context: RouteContext<Out<BodySchema>, Out<QuerySchema>, Anonymous extends true ? Principal | null : Principal>,
  ) => Promise<unknown>,
) {
  return async (request: Request, nextContext: NextContext): Promise<Response> => {
    const started = performance.now();
    const traceId = traceIdOf(request);
    const url = new URL(request.url);
    let status = 500;
    let username: string | undefined;
    try {
      const db = await getDb();
      const authenticated = await authenticateRequest(db, request);
      // Anonymous routes refuse a wrong Authorization header, but a stale session cookie must not
      // stop anyone signing in again.
      const auth =
        authenticated ?? (options.anonymous && !request.headers.has('authorization') ? { principal: null, csrfToken: null } : null);
      if (!auth) {
        status = 401;
        return json(
          failure(ErrorCode.AUTH_FAILED, 'Authentication required: send HTTP Basic credentials or a Bearer API token', traceId),
          401,
          traceId,
          // The challenge makes browsers pop a password dialog; the admin UI shows its own sign-in page.
          isBrowserCall(request) ? {} : { 'WWW-Authenticate': 'Basic realm="ferry", charset="UTF-8"' },
        );
      }
      // Double-submit CSRF check: a cookie rides along on cross-site requests, the header cannot.
      if (
        auth.csrfToken !== null &&
        !SAFE_METHODS.has(request.method) &&
        !csrfTokenMatches(auth.csrfToken, request.headers.get('x-csrf-token'))
      ) {
        throw new AppError(ErrorCode.CSRF_TOKEN_INVALID, 'Missing or wrong X-CSRF-Token for this session; reload the page', 'X-CSRF-Token');
      }
      const principal = auth.principal;
      username = principal?.username;
      const params = flattenParams(await nextContext.params);
      const query = options.query ? parseOrThrow(options.query, Object.fromEntries(url.searchParams)) : undefined;
      const body = options.body ? parseOrThrow(options.body, await readJson(request)) : undefined;
      const result = await handler({
        request,
        db,
        principal: principal as Principal,
        csrfToken: auth.csrfToken,
        params,
        body: body as Out<BodySchema>,
        query: query as Out<QuerySchema>,
        traceId,
      });
      if (result instanceof Response) {
        status = result.status;
        const length = result.headers.get('content-length');
        if (length !== null) result.headers.set(PASSTHROUGH_CONTENT_LENGTH, length);
        return result;
      }
      status = 200;
      return json(ok(result ?? null, traceId), 200, traceId);
    } catch (error) {
      if (error instanceof AppError) {
        status = error.status;
        const challenge: Record<string, string> =
          error.code === ErrorCode.AUTH_FAILED && !isBrowserCall(request)
            ? { 'WWW-Authenticate': 'Basic realm="ferry", charset="UTF-8"' }
            : {};
        return json(failure(error.code, error.message, traceId), error.status, traceId, challenge);
      }
      status = 500;
      log('error', 'unhandled error', { traceId, stack: error instanceof Error ? error.stack : String(error) });
      return json(failure(ErrorCode.SYSTEM_ERROR, `Internal error; quote traceId ${traceId} when reporting it`, traceId), 500, traceId);
    } finally {
      log('info', 'request', {
        traceId,
        method: request.method,
        path: url.pathname,
        status,
        user: username,
        ms: Math.round(performance.now() - started),
      });
    }
  };
}

function isBrowserCall(request: Request): boolean {
  return request.headers.has('x-requested-with') || (request.headers.get('cookie') ?? '').includes(`${SESSION_COOKIE}=`);
}

const CALLER_TRACE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function traceIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && CALLER_TRACE_ID.test(given) ? given : randomBytes(16).toString('hex');
}

function flattenParams(params: RouteParams | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join('/') : value;
  }
  return out;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(ErrorCode.REQUEST_CONTENT_INVALID, 'Request body is not valid JSON');
  }
}

function json(payload: unknown, status: number, traceId: string, headers: Record<string, string> = {}): Response {
  return Response.json(payload, { status, headers: { 'X-Request-Id': traceId, ...headers } });
}
