// Error codes of the OCI distribution spec, "Error Codes" section:
// https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#error-codes
const OciErrorCode = {
  /** A blob named in the request is not in this image repository. */
  BLOB_UNKNOWN: 404,
  /** An upload chunk or its range is invalid (e.g. Content-Range disagrees with Content-Length). */
  BLOB_UPLOAD_INVALID: 400,
  /** No upload session with this id for this image. */
  BLOB_UPLOAD_UNKNOWN: 404,
  /** The digest is malformed, uses an unsupported algorithm, or does not match the content. */
  DIGEST_INVALID: 400,
  /** A manifest refers to a blob or child manifest this image repository does not hold. */
  MANIFEST_BLOB_UNKNOWN: 400,
  /** The manifest is not valid JSON of a supported media type, or disagrees with its reference. */
  MANIFEST_INVALID: 400,
  /** No manifest with this tag or digest in this image repository. */
  MANIFEST_UNKNOWN: 404,
  /** The image name breaks the spec's name grammar or Ferry's {project}/{repo}/{image} layout. */
  NAME_INVALID: 400,
  /** The project or repository does not exist, or is not a DOCKER repository. */
  NAME_UNKNOWN: 404,
  /** Content is larger than allowed or its length disagrees with the declared length. */
  SIZE_INVALID: 400,
  /** No or wrong credentials where they are needed. */
  UNAUTHORIZED: 401,
  /** Authenticated, but the operation is refused. */
  DENIED: 403,
  /** The method or parameter combination is not implemented. */
  UNSUPPORTED: 405,
  /** The client should slow down. */
  TOOMANYREQUESTS: 429,
} as const;

export type OciErrorCodeName = keyof typeof OciErrorCode;

/** Thrown by lib/oci handlers; the dispatcher renders it as {errors:[{code,message,detail}]}. */
export class OciError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** An access refusal (audited as DENIED), including the NAME_UNKNOWN a non-member gets. */
  readonly refusal: boolean;
  constructor(
    readonly code: OciErrorCodeName,
    message: string,
    readonly detail: unknown = null,
    options: { status?: number; headers?: Record<string, string>; refusal?: boolean } = {},
  ) {
    super(message);
    this.name = 'OciError';
    this.status = options.status ?? OciErrorCode[code];
    this.headers = options.headers ?? {};
    this.refusal = options.refusal ?? (code === 'DENIED' || code === 'UNAUTHORIZED');
  }
}

export function ociErrorBody(error: OciError): { errors: Array<{ code: string; message: string; detail: unknown }> } {
  return { errors: [{ code: error.code, message: error.message, detail: error.detail }] };
}
