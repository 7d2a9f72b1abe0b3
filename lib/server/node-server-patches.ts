import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, ServerResponse } from 'node:http';
import { env } from '../env';
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, trustedProxyList } from '../http/client-address';
import { PASSTHROUGH_CONTENT_LENGTH } from '../http/content-length';
import { failure } from '../http/envelope';
import { ErrorCode } from '../http/error-codes';
import { log } from '../http/log';
import { DEFAULT_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../http/security-headers';
import { artifactPathProblem } from '../paths/normalize-path';
import { isDrainingHttp, trackRequest } from './http-drain';

/** Paths whose tail is an artifact path; Next.js resolves "..", "%2e%2e" and "\" in them before routing. */
const ARTIFACT_PATH_ROUTES = /^\/(?:generic|repository\/api\/node\/(?:page|detail))\/[^/]+\/[^/]+(\/.*)?$/;

const installed = Symbol.for('ferry.nodeServerPatches');

/**
 * Adjustments Next.js offers no hook for, made where `next start` owns the Node HTTP server
 * (installed once from instrumentation.ts):
 * - the client address (from the socket, or X-Forwarded-For via FERRY_TRUSTED_PROXIES) is stamped
 *   on the request as CLIENT_ADDRESS_HEADER, since route handlers cannot see the socket;
 * - artifact paths are checked as the client sent them, so "a/../b" is refused with 400 rather
 *   than silently served as "b" after Next.js normalises the URL;
 * - every response gets the security headers, and a default CSP unless it set its own;
 * - the Content-Length of downloads survives (see PASSTHROUGH_CONTENT_LENGTH);
 * - requests in flight are counted, so a shutdown can drain them (see http-drain.ts).
 */
export function installNodeServerPatches(): void {
  const holder = globalThis as typeof globalThis & { [installed]?: true };
  if (holder[installed]) return;
  holder[installed] = true;
  const trustedProxies = trustedProxyList(env().FERRY_TRUSTED_PROXIES);

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      trackRequest(this, response);
      stampClientAddress(request, resolveClientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], trustedProxies));
      if (refusedUndecodablePath(request, response) || refusedArtifactPath(request, response)) return true;
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;

  const writeHead = ServerResponse.prototype.writeHead;
  ServerResponse.prototype.writeHead = function patchedWriteHead(this: ServerResponse, ...args: unknown[]) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!this.hasHeader(name)) this.setHeader(name, value);
    if (isDrainingHttp()) this.setHeader('Connection', 'close');
    // Pages set their nonce policy (proxy.ts), user files a sandbox; everything else may run nothing.
    if (!this.hasHeader('content-security-policy')) this.setHeader('Content-Security-Policy', DEFAULT_CONTENT_SECURITY_POLICY);
    const declared = this.getHeader(PASSTHROUGH_CONTENT_LENGTH);
    if (declared !== undefined) {
      this.removeHeader(PASSTHROUGH_CONTENT_LENGTH);
      // A compressed body has another length; leave those chunked.
      if (!this.getHeader('content-encoding') && /^\d+$/.test(String(declared))) this.setHeader('Content-Length', String(declared));
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof writeHead;
}

/** Replaces whatever the client sent under the internal header name, so the address cannot be forged. */
function stampClientAddress(request: IncomingMessage, address: string): void {
  delete request.headers[CLIENT_ADDRESS_HEADER];
  const raw = request.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i]?.toLowerCase() === CLIENT_ADDRESS_HEADER) raw.splice(i, 2);
  request.headers[CLIENT_ADDRESS_HEADER] = address;
  raw.push(CLIENT_ADDRESS_HEADER, address);
}

/**
 * A path whose percent-encoding is not UTF-8 (e.g. "%ED%A0%80", a lone surrogate) makes Next.js
 * throw while routing and answer 500; refuse it as the client's error, in the caller's format.
 */
function refusedUndecodablePath(request: IncomingMessage, response: ServerResponse): boolean {
  const rawPath = (request.url ?? '').split('?', 1)[0] ?? '';
  if (!rawPath.includes('%')) return false;
  try {
    decodeURIComponent(rawPath);
    return false;
  } catch {
    const traceId = randomBytes(16).toString('hex');
    const message = 'is not valid percent-encoding (UTF-8)';
    const body = rawPath.startsWith('/v2/')
      ? JSON.stringify({ errors: [{ code: 'NAME_INVALID', message: `the path ${message}`, detail: null }] })
      : JSON.stringify(failure(ErrorCode.PARAMETER_INVALID, `Parameter [path] is invalid: ${message}`, traceId));
    response.writeHead(400, { 'Content-Type': 'application/json', 'X-Request-Id': traceId, Connection: 'close' });
    response.end(body);
    log('info', 'request', { traceId, method: request.method, path: rawPath.slice(0, 200), status: 400 });
    return true;
  }
}

function refusedArtifactPath(request: IncomingMessage, response: ServerResponse): boolean {
  const rawPath = (request.url ?? '').split('?', 1)[0] ?? '';
  const match = ARTIFACT_PATH_ROUTES.exec(rawPath);
  if (!match) return false;
  const reason = artifactPathProblem(match[1] ?? '/');
  if (!reason) {
    // Next.js answers "a//b" and "dir/" with a redirect, which upload clients do not follow: fold them here.
    const folded = rawPath.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
    if (folded !== rawPath) request.url = folded + (request.url ?? '').slice(rawPath.length);
    return false;
  }
  const traceId = randomBytes(16).toString('hex');
  const body = JSON.stringify(failure(ErrorCode.PARAMETER_INVALID, `Parameter [path] is invalid: ${reason}`, traceId));
  // The body (of a PUT) stays unread, so the connection cannot be reused.
  response.writeHead(400, { 'Content-Type': 'application/json', 'X-Request-Id': traceId, Connection: 'close' });
  response.end(body);
  log('info', 'request', { traceId, method: request.method, path: rawPath, status: 400 });
  return true;
}
