import { downloadQuerySchema } from '../../artifacts/schemas';
import { ErrorCode } from '../../http/error-codes';
import type { OpenApiObject, Operation } from '../operation';

// bk-repo's generic file API (README "Generic repositories and the blob store"): binary bodies and
// X-BKREPO-* headers, which no zod schema describes; the JSON answers are the usual envelope.
const ROUTE = '/generic/[...path]';
const PATH = '/generic/{projectId}/{repoName}/{path}';

const header = (name: string, description: string, schema: OpenApiObject = { type: 'string' }): OpenApiObject => ({
  name,
  in: 'header',
  required: false,
  description,
  schema,
});

const FILE_HEADERS: Record<string, OpenApiObject> = {
  'Content-Length': { schema: { type: 'integer' } },
  ETag: { description: '"<sha256>"', schema: { type: 'string' } },
  'Last-Modified': { schema: { type: 'string' } },
  'Accept-Ranges': { schema: { type: 'string', const: 'bytes' } },
  'X-Checksum-Sha256': { schema: { type: 'string' } },
  'X-Checksum-Md5': { schema: { type: 'string' } },
  'Content-Disposition': { description: 'attachment with ?download=true, else inline', schema: { type: 'string' } },
};

const fileResponses = (withBody: boolean): Record<string, OpenApiObject> => ({
  '200': {
    description: 'A file: its bytes (HEAD: the headers only). A folder or the root: its listing in the envelope, as node/page.',
    headers: FILE_HEADERS,
    content: withBody
      ? { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } }
      : undefined,
  },
  '206': {
    description: 'One byte range of the file (Range: bytes=N-M, bytes=N-, bytes=-N)',
    headers: { ...FILE_HEADERS, 'Content-Range': { schema: { type: 'string' } } },
  },
  '416': {
    description: 'The range cannot be satisfied; Content-Range: bytes */size',
    headers: { 'Content-Range': { schema: { type: 'string' } } },
  },
});

const READ_ERRORS = [ErrorCode.RESOURCE_NOT_FOUND, ErrorCode.REPOSITORY_NOT_FOUND, ErrorCode.PARAMETER_INVALID];

export const fileOperations: Operation[] = [
  {
    route: ROUTE,
    path: PATH,
    method: 'GET',
    tag: 'Files',
    summary: 'Download a file (Range, ?download=true), or list a folder',
    description: 'Anonymous callers may read repositories created with public: true. The folder listing takes the node/page query.',
    access: 'anonymous',
    query: downloadQuerySchema,
    parameters: [header('Range', 'One byte range: bytes=N-M, bytes=N- or bytes=-N')],
    responses: fileResponses(true),
    errors: READ_ERRORS,
  },
  {
    route: ROUTE,
    path: PATH,
    method: 'HEAD',
    tag: 'Files',
    summary: "A file's GET headers, without the bytes",
    access: 'anonymous',
    query: downloadQuerySchema,
    parameters: [header('Range', 'One byte range')],
    responses: fileResponses(false),
    errors: READ_ERRORS,
  },
  {
    route: ROUTE,
    path: PATH,
    method: 'PUT',
    tag: 'Files',
    summary: 'Upload a file (streamed; checksums verified before it is stored)',
    description:
      'X-Ferry-Link-Sha256 with an empty body creates the file from content this server already holds in a repository the caller may read (Ferry extension; 250108 otherwise).',
    access: 'MAINTAINER',
    parameters: [
      header('X-BKREPO-SHA256', 'Expected sha256 (64 hex); a mismatch stores nothing (250105)'),
      header('X-BKREPO-MD5', 'Expected md5 (32 hex)'),
      header('X-BKREPO-OVERWRITE', 'true replaces an existing file (else 250107)', { type: 'string', enum: ['true', 'false'] }),
      header('X-BKREPO-META', 'Metadata: base64 of k1=v1&k2=v2'),
      header('X-BKREPO-META-{key}', 'One metadata entry (key lower-cased); wins over X-BKREPO-META'),
      header('X-Ferry-Link-Sha256', 'Create from held content instead of a body (64 hex)'),
    ],
    requestBody: {
      required: false,
      content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
    },
    data: 'the stored NodeInfo',
    errors: [
      ErrorCode.RESOURCE_EXISTED,
      ErrorCode.RESOURCE_NOT_FOUND,
      ErrorCode.REPOSITORY_NOT_FOUND,
      ErrorCode.PARAMETER_INVALID,
      ErrorCode.PAYLOAD_TOO_LARGE,
      ErrorCode.INSUFFICIENT_STORAGE,
    ],
    audited: true,
  },
  {
    route: ROUTE,
    path: PATH,
    method: 'DELETE',
    tag: 'Files',
    summary: 'Delete a file, or a folder with everything beneath it',
    access: 'MAINTAINER',
    data: '{deletedFiles}',
    errors: READ_ERRORS,
    audited: true,
  },
];
