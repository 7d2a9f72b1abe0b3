import type { HttpMethod, OpenApiObject, Operation } from '../operation';

// The OCI distribution API at /v2/ (distribution-spec v1.1 §"Endpoints"):
// https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#endpoints
// One catch-all route dispatches by path (lib/oci/handle-request.ts); its answers are the spec's,
// not bk-repo's envelope, and its errors are {"errors":[{code, message, detail}]}.
const ROUTE = '/v2/[[...path]]';
const NAME = '/v2/{name}';
const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
];
const BYTES = { type: 'string', contentMediaType: 'application/octet-stream' };
const text = { schema: { type: 'string' } };
const DIGEST = { 'Docker-Content-Digest': text };
const SESSION = { Location: text, Range: text, 'Docker-Upload-UUID': text };

const query = (name: string, description: string, required = false): OpenApiObject => ({
  name,
  in: 'query',
  required,
  description,
  schema: { type: 'string' },
});

const ociError = (description: string): OpenApiObject => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/OciErrors' } } },
});

/** Every /v2/ answer may be one of these (HEAD answers carry no body). */
const COMMON_ERRORS: Record<string, OpenApiObject> = {
  '400': ociError('NAME_INVALID, DIGEST_INVALID, MANIFEST_INVALID, MANIFEST_BLOB_UNKNOWN, BLOB_UPLOAD_INVALID, SIZE_INVALID'),
  '401': {
    ...ociError('UNAUTHORIZED: no or wrong credentials (also for unknown repositories, so names do not leak)'),
    headers: { 'WWW-Authenticate': { schema: { type: 'string', const: 'Basic realm="ferry"' } } },
  },
  '403': ociError('DENIED: the role on the project does not allow it'),
  '404': ociError('NAME_UNKNOWN, BLOB_UNKNOWN, BLOB_UPLOAD_UNKNOWN, MANIFEST_UNKNOWN'),
  '405': ociError('UNSUPPORTED: the method is not implemented for this path'),
  '429': ociError('TOOMANYREQUESTS: too many failed password checks'),
};

type Spec = Omit<Operation, 'route' | 'tag' | 'method' | 'responses'> & { responses: Record<string, OpenApiObject> };

const oci = (method: HttpMethod, spec: Spec): Operation => ({
  route: ROUTE,
  tag: 'OCI registry',
  method,
  ...spec,
  responses: { ...spec.responses, ...COMMON_ERRORS },
});

const manifestRead = (method: 'GET' | 'HEAD') =>
  oci(method, {
    path: `${NAME}/manifests/{reference}`,
    summary: method === 'GET' ? 'Pull a manifest by tag or digest' : 'Check a manifest exists',
    description: 'end-3 / end-2 of the spec.',
    access: 'anonymous',
    responses: {
      '200': {
        description: 'The manifest (HEAD: headers only)',
        headers: { ...DIGEST, 'Content-Type': text, 'Content-Length': text },
        content: method === 'GET' ? Object.fromEntries(MANIFEST_TYPES.map((type) => [type, { schema: { type: 'object' } }])) : undefined,
      },
    },
  });

const blobRead = (method: 'GET' | 'HEAD') =>
  oci(method, {
    path: `${NAME}/blobs/{digest}`,
    summary: method === 'GET' ? 'Pull a blob (one Range allowed)' : 'Check a blob exists',
    description: 'end-2 of the spec.',
    access: 'anonymous',
    parameters: [{ name: 'Range', in: 'header', required: false, schema: { type: 'string' }, description: 'bytes=N-M' }],
    responses: {
      '200': {
        description: 'The blob',
        headers: { ...DIGEST, 'Content-Length': text },
        content: { 'application/octet-stream': { schema: BYTES } },
      },
      '206': { description: 'The requested range', headers: { ...DIGEST, 'Content-Range': text } },
      '416': { description: 'The range cannot be satisfied', headers: { 'Content-Range': text } },
    },
  });

export const ociOperations: Operation[] = [
  oci('GET', {
    path: '/v2/',
    summary: 'API version check: 200 when signed in, else the Basic challenge',
    description: 'end-1 of the spec. Every /v2/ answer carries Docker-Distribution-API-Version: registry/2.0.',
    access: 'signedIn',
    responses: { '200': { description: 'Signed in', content: { 'application/json': { schema: { type: 'object' } } } } },
  }),
  oci('HEAD', {
    path: '/v2/',
    summary: 'API version check without a body',
    access: 'signedIn',
    responses: { '200': { description: 'Signed in' } },
  }),
  blobRead('GET'),
  blobRead('HEAD'),
  oci('DELETE', {
    path: `${NAME}/blobs/{digest}`,
    summary: 'Unlink a blob from the image (end-10)',
    access: 'MAINTAINER',
    audited: true,
    responses: { '202': { description: 'Unlinked; the blob GC reclaims the bytes' } },
  }),
  oci('POST', {
    path: `${NAME}/blobs/uploads/`,
    summary: 'Start an upload; monolithic with ?digest=, or mount with ?mount=&from= (end-4a/4b/11)',
    access: 'MAINTAINER',
    parameters: [
      query('digest', 'Monolithic upload: the body is the whole blob'),
      query('mount', 'Digest to mount'),
      query('from', 'Image to mount from'),
    ],
    requestBody: { required: false, content: { 'application/octet-stream': { schema: BYTES } } },
    responses: {
      '201': { description: 'Stored (monolithic) or mounted', headers: { Location: text, ...DIGEST } },
      '202': { description: 'Upload session opened', headers: SESSION },
    },
  }),
  oci('PATCH', {
    path: `${NAME}/blobs/uploads/{uuid}`,
    summary: 'Send a chunk, with or without Content-Range (end-5)',
    access: 'MAINTAINER',
    parameters: [{ name: 'Content-Range', in: 'header', required: false, schema: { type: 'string' }, description: '<start>-<end>' }],
    requestBody: { required: true, content: { 'application/octet-stream': { schema: BYTES } } },
    responses: {
      '202': { description: 'Chunk accepted', headers: SESSION },
      '416': {
        description: 'The chunk does not continue the upload',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/OciErrors' } } },
      },
    },
  }),
  oci('PUT', {
    path: `${NAME}/blobs/uploads/{uuid}`,
    summary: 'Finish an upload, optionally with the last chunk (end-6)',
    access: 'MAINTAINER',
    parameters: [query('digest', 'The digest of the whole blob', true)],
    requestBody: { required: false, content: { 'application/octet-stream': { schema: BYTES } } },
    responses: { '201': { description: 'Stored', headers: { Location: text, ...DIGEST } } },
  }),
  oci('GET', {
    path: `${NAME}/blobs/uploads/{uuid}`,
    summary: 'Status of an upload (end-13)',
    access: 'MAINTAINER',
    responses: { '204': { description: 'Range received so far', headers: SESSION } },
  }),
  oci('DELETE', {
    path: `${NAME}/blobs/uploads/{uuid}`,
    summary: 'Cancel an upload',
    access: 'MAINTAINER',
    responses: { '204': { description: 'Cancelled' } },
  }),
  manifestRead('GET'),
  manifestRead('HEAD'),
  oci('PUT', {
    path: `${NAME}/manifests/{reference}`,
    summary: 'Push a manifest under a tag or digest (end-7)',
    access: 'MAINTAINER',
    audited: true,
    requestBody: { required: true, content: Object.fromEntries(MANIFEST_TYPES.map((type) => [type, { schema: { type: 'object' } }])) },
    responses: { '201': { description: 'Stored', headers: { Location: text, ...DIGEST, 'OCI-Subject': text } } },
  }),
  oci('DELETE', {
    path: `${NAME}/manifests/{reference}`,
    summary: 'Delete a tag or a manifest by digest (end-9)',
    access: 'MAINTAINER',
    audited: true,
    responses: { '202': { description: 'Deleted' } },
  }),
  oci('GET', {
    path: `${NAME}/tags/list`,
    summary: 'Tags in byte order, paged with n and last (end-8a/8b)',
    access: 'anonymous',
    parameters: [query('n', 'Page size'), query('last', 'Tags after this one')],
    responses: {
      '200': {
        description: '{name, tags}; Link: <…>; rel="next" when more follow',
        headers: { Link: text },
        content: {
          'application/json': {
            schema: { type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } },
          },
        },
      },
    },
  }),
  oci('GET', {
    path: `${NAME}/referrers/{digest}`,
    summary: 'Manifests whose subject is the digest, as an OCI index (end-12a/12b)',
    access: 'anonymous',
    parameters: [query('artifactType', 'Only manifests of this artifact type')],
    responses: {
      '200': {
        description: 'An OCI image index; OCI-Filters-Applied: artifactType when filtered',
        headers: { 'OCI-Filters-Applied': text },
        content: { 'application/vnd.oci.image.index.v1+json': { schema: { type: 'object' } } },
      },
    },
  }),
];
