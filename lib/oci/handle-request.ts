import { type AuditEntry, recordAudit } from '../audit/record-audit';
import type { AuditAction } from '../audit/schemas';
import type { Principal } from '../auth/authenticate';
import { type Database, type Db, getDb } from '../db/client';
import { clientAddressOf } from '../http/client-address';
import { PASSTHROUGH_CONTENT_LENGTH } from '../http/content-length';
import { describeError, log } from '../http/log';
import { traceIdOf, withTrace } from '../http/trace-context';
import { observeRequest } from '../observability/metrics';
import { getBlobStore } from '../storage';
import { BlobVerificationError } from '../storage/blob-store';
import { UploadRefusedError } from '../storage/upload-limits';
import { type Action, authorizeImage, principalOf, unauthorized } from './access';
import { deleteBlob, getBlob } from './blobs';
import type { OciContext } from './context';
import { OciError, ociErrorBody } from './errors';
import { deleteManifest, getManifest, putManifest } from './manifests';
import { type OciRoute, ociRouteTemplate, parseImageName, routeOciPath } from './names';
import { listReferrers, listTags } from './tags';
import { cancelUpload, finishUpload, getUploadStatus, patchUpload, startUpload } from './uploads';

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Handler = (context: OciContext, route: OciRoute, method: Method) => Promise<Response>;

// distribution-spec §"Endpoints": which methods each kind of path accepts.
const HANDLERS: Record<Exclude<OciRoute['kind'], 'base'>, Partial<Record<Method, Handler>>> = {
  manifest: {
    GET: (c, r, m) => getManifest(c, ref(r), m as 'GET'),
    HEAD: (c, r, m) => getManifest(c, ref(r), m as 'HEAD'),
    PUT: (c, r) => putManifest(c, ref(r)),
    DELETE: (c, r) => deleteManifest(c, ref(r)),
  },
  blob: {
    GET: (c, r, m) => getBlob(c, digestOf(r), m as 'GET'),
    HEAD: (c, r, m) => getBlob(c, digestOf(r), m as 'HEAD'),
    DELETE: (c, r) => deleteBlob(c, digestOf(r)),
  },
  uploads: { POST: (c) => startUpload(c) },
  upload: {
    GET: (c, r) => getUploadStatus(c, uploadOf(r)),
    PATCH: (c, r) => patchUpload(c, uploadOf(r)),
    PUT: (c, r) => finishUpload(c, uploadOf(r)),
    DELETE: (c, r) => cancelUpload(c, uploadOf(r)),
  },
  tags: { GET: (c) => listTags(c) },
  referrers: { GET: (c, r) => listReferrers(c, digestOf(r)) },
};
const ref = (r: OciRoute) => (r.kind === 'manifest' ? r.reference : '');
const digestOf = (r: OciRoute) => (r.kind === 'blob' || r.kind === 'referrers' ? r.digest : '');
const uploadOf = (r: OciRoute) => (r.kind === 'upload' ? r.uploadId : '');

const API_VERSION = { 'Docker-Distribution-API-Version': 'registry/2.0' };

/** Entry point of app/v2/[[...path]]/route.ts: every /v2/ request, any method. */
export async function handleOciRequest(request: Request): Promise<Response> {
  // A client's (or a replicating Ferry's) X-Request-Id is kept, so one push reads as one trace.
  const traceId = traceIdOf(request);
  return withTrace({ traceId }, () => answerOciRequest(request, traceId));
}

async function answerOciRequest(request: Request, traceId: string): Promise<Response> {
  const started = performance.now();
  const url = new URL(request.url);
  const method = request.method.toUpperCase() as Method;
  let principal: Principal | null = null;
  let response: Response;
  let db: Database | undefined;
  let failure: unknown;
  let recorded = false;
  const recordChange = async (tx: Db, detail: Record<string, unknown>) => {
    const entry = imageAuditEntry({ request, url, method, principal, traceId });
    if (!entry) return;
    await recordAudit(tx, { ...entry, outcome: 'OK', detail });
    recorded = true;
  };
  try {
    db = await getDb();
    principal = await principalOf(db, request.headers.get('authorization'), clientAddressOf(request));
    response = await dispatch({ request, url, method, principal, db, recordChange });
  } catch (error) {
    failure = error;
    response = errorResponse(error, method, traceId);
  }
  // The row was written with the change, unless the change failed or the handler writes none.
  if (db && !(recorded && response.status < 400)) {
    await auditImageChange(db, { request, url, method, principal, status: response.status, failure, traceId });
  }
  for (const [key, value] of Object.entries(API_VERSION)) response.headers.set(key, value);
  const length = response.headers.get('content-length');
  if (length !== null) response.headers.set(PASSTHROUGH_CONTENT_LENGTH, length);
  response.headers.set('X-Request-Id', traceId);
  const ms = performance.now() - started;
  observeRequest(ociRouteTemplate(routeOciPath(url.pathname.replace(/^\/v2\/?/, ''))), method, response.status, ms / 1000);
  log('info', 'request', { method, path: url.pathname, status: response.status, user: principal?.username, ms: Math.round(ms) });
  return response;
}

async function dispatch(input: {
  request: Request;
  url: URL;
  method: Method;
  principal: Principal | null;
  db: Awaited<ReturnType<typeof getDb>>;
  recordChange: OciContext['recordChange'];
}): Promise<Response> {
  const rest = input.url.pathname.replace(/^\/v2\/?/, '');
  const route = routeOciPath(rest);
  if (!route)
    throw new OciError('UNSUPPORTED', 'no OCI endpoint at this path', { path: input.url.pathname.slice(0, 200) }, { status: 404 });
  if (route.kind === 'base') {
    // distribution-spec §"Determining support" (end-1): 200 when signed in, else the challenge.
    // Authenticate first, so an anonymous caller learns nothing but the challenge.
    if (!input.principal) throw unauthorized();
    if (input.method !== 'GET' && input.method !== 'HEAD') throw notAllowed(['GET', 'HEAD']);
    return new Response(input.method === 'HEAD' ? null : '{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  }
  const methods = HANDLERS[route.kind];
  const handler = methods[input.method];
  if (!handler) throw notAllowed(Object.keys(methods));
  const image = parseImageName(route.name);
  const action: Action = input.method === 'GET' || input.method === 'HEAD' ? 'pull' : 'push';
  const repository = await authorizeImage(input.db, input.principal, image, action);
  return handler({ ...input, store: getBlobStore(), image, repository }, route, input.method);
}

type AuditInput = { request: Request; url: URL; method: Method; principal: Principal | null; traceId: string };

/** Who changed which image, for a manifest push or a manifest/blob delete; null for other requests (uploads belong to the push). */
function imageAuditEntry(input: AuditInput): Omit<AuditEntry, 'outcome'> | null {
  const route = routeOciPath(input.url.pathname.replace(/^\/v2\/?/, ''));
  let action: AuditAction | null = null;
  if (route?.kind === 'manifest' && input.method === 'PUT') action = 'image.push';
  if ((route?.kind === 'manifest' || route?.kind === 'blob') && input.method === 'DELETE') action = 'image.delete';
  if (!route || route.kind === 'base' || !action) return null;
  const [projectId, repoName] = route.name.split('/');
  const reference = route.kind === 'manifest' ? route.reference : route.kind === 'blob' ? route.digest : '';
  return {
    userId: input.principal?.username ?? null,
    address: clientAddressOf(input.request),
    action,
    projectId,
    repoName,
    resource: `${route.name}:${reference}`,
    traceId: input.traceId,
  };
}

/** The row of a change that wrote none itself, right after it: DENIED for refusals, FAILED for other errors. */
async function auditImageChange(db: Database, input: AuditInput & { status: number; failure: unknown }): Promise<void> {
  const entry = imageAuditEntry(input);
  if (!entry) return;
  const refused = input.failure instanceof OciError && input.failure.refusal;
  await recordAudit(db, {
    ...entry,
    outcome: input.status < 400 ? 'OK' : refused ? 'DENIED' : 'FAILED',
    detail: input.failure instanceof Error ? { status: input.status, error: input.failure.message } : { status: input.status },
  }).catch((error: unknown) => log('error', 'audit row not written', { traceId: input.traceId, error: describeError(error) }));
}

function notAllowed(allowed: string[]): OciError {
  return new OciError('UNSUPPORTED', `method not allowed here; use ${allowed.join(', ')}`, null, {
    status: 405,
    headers: { Allow: allowed.join(', ') },
  });
}

function errorResponse(error: unknown, method: Method, traceId: string): Response {
  const oci = toOciError(error);
  if (!oci) {
    log('error', 'unhandled error', { traceId, error: describeError(error) });
    const body = { errors: [{ code: 'UNKNOWN', message: `internal error; quote traceId ${traceId} when reporting it`, detail: null }] };
    return Response.json(body, { status: 500 });
  }
  const headers = { 'Content-Type': 'application/json', ...oci.headers };
  // HEAD responses carry no body (distribution-spec §"Pulling blobs": 404 without a body).
  return new Response(method === 'HEAD' ? null : JSON.stringify(ociErrorBody(oci)), { status: oci.status, headers });
}

/** Store verification failures are client errors in OCI terms. */
function toOciError(error: unknown): OciError | null {
  if (error instanceof OciError) return error;
  if (error instanceof BlobVerificationError) {
    if (error.reason === 'sha256') return new OciError('DIGEST_INVALID', `content does not match its digest: ${error.message}`);
    if (error.reason === 'size') return new OciError('SIZE_INVALID', error.message);
    if (error.reason === 'too-large') return new OciError('SIZE_INVALID', error.message, null, { status: 413 });
    return new OciError('BLOB_UPLOAD_INVALID', error.message);
  }
  if (error instanceof UploadRefusedError) {
    if (error.reason === 'too-large') return new OciError('SIZE_INVALID', error.message, null, { status: 413 });
    return new OciError('DENIED', error.message, null, { status: 507 });
  }
  return null;
}
