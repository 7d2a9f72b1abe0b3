import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { traceIdOf } from '../http/trace-context';
import { observeRequest } from '../observability/metrics';
import { errorResponse, type RouteHandler, routeTemplateOf } from './route';

/** The route label of requests no route template matched: raw paths would be unbounded series. */
const UNMATCHED = '(unmatched)';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
type Method = (typeof METHODS)[number];

/**
 * Next.js answers a method a route does not export with an empty 405 and no `Allow`; automation
 * parses JSON. Each API route exports the rest of the methods from here:
 * `export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });`
 * OPTIONS answers 204 with `Allow`; HEAD follows GET where GET exists (as Next.js does).
 */
export function otherMethods(implemented: Partial<Record<Method, RouteHandler>>): Record<Method, RouteHandler> {
  const allowed = METHODS.filter((method) => implemented[method] || (method === 'HEAD' && implemented.GET) || method === 'OPTIONS');
  const allow = allowed.join(', ');
  const route =
    Object.values(implemented)
      .map((handler) => handler && routeTemplateOf(handler))
      .find(Boolean) ?? UNMATCHED;
  const notAllowed: RouteHandler = async (request) => {
    const traceId = traceIdOf(request);
    const error = new AppError(ErrorCode.METHOD_NOT_ALLOWED, `Method ${request.method} is not allowed here; use ${allow}`);
    observeRequest(route, request.method, 405, 0);
    return errorResponse(error, request, traceId, new Headers({ 'X-Request-Id': traceId, Allow: allow }));
  };
  const options: RouteHandler = async () => new Response(null, { status: 204, headers: { Allow: allow } });
  const table = {} as Record<Method, RouteHandler>;
  for (const method of METHODS) {
    const fallback = method === 'OPTIONS' ? options : method === 'HEAD' && implemented.GET ? implemented.GET : notAllowed;
    table[method] = implemented[method] ?? fallback;
  }
  return table;
}

/** The same handler for every method: for catch-all routes, which dispatch (or refuse) by path themselves. */
export function everyMethod(handler: RouteHandler): Record<Method, RouteHandler> {
  return Object.fromEntries(METHODS.map((method) => [method, handler])) as Record<Method, RouteHandler>;
}

/** Catch-all under the API prefixes: an unknown path answers the envelope, not Next's HTML page. */
export const unknownEndpoint: RouteHandler = async (request) => {
  const traceId = traceIdOf(request);
  const path = new URL(request.url).pathname;
  const error = new AppError(ErrorCode.ENDPOINT_NOT_FOUND, `No endpoint ${request.method} ${path}; the README lists the API`);
  observeRequest(UNMATCHED, request.method, 404, 0);
  return errorResponse(error, request, traceId);
};
