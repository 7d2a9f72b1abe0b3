// bk-repo's message codes (25 = bk-repo, then module, then business number) and their HTTP statuses.
export const ErrorCode = {
  /** An unexpected failure: a bug. The message stays generic; the stack goes to the log. */
  SYSTEM_ERROR: 250102,
  /** A required request field is absent or null. */
  PARAMETER_MISSING: 250103,
  /** A field is present but its value breaks a rule (format, range, combination). */
  PARAMETER_INVALID: 250105,
  /** The body is not JSON, a field has the wrong JSON type, or an enum value is unknown. */
  REQUEST_CONTENT_INVALID: 250106,
  /** Creating something whose unique name is taken. */
  RESOURCE_EXISTED: 250107,
  /** A record looked up by id or name does not exist (projects, tokens, …). */
  RESOURCE_NOT_FOUND: 250108,
  /** The route exists but not for this HTTP method. */
  METHOD_NOT_ALLOWED: 250110,
  /** Authenticated, but the action is refused because of the state of other records. */
  REQUEST_DENIED: 250113,
  /** Signed in, but the caller's role or token scope does not allow the action (403). */
  PERMISSION_DENIED: 250114,
  /** A cookie-authenticated change without the session's X-CSRF-Token (Ferry's own code; 403). */
  CSRF_TOKEN_INVALID: 250111,
  /** Too many failed password checks for one username from one address, or too many at once (Ferry's own code; 429 + Retry-After). */
  TOO_MANY_REQUESTS: 250120,
  /** The request body is larger than Ferry accepts (Ferry's own code; 413). */
  PAYLOAD_TOO_LARGE: 250121,
  /** A JSON endpoint got a body that is not declared application/json (Ferry's own code; 415). */
  UNSUPPORTED_MEDIA_TYPE: 250122,
  /** The blob store's disk is below FERRY_MIN_FREE_DISK_BYTES (Ferry's own code; 507). */
  INSUFFICIENT_STORAGE: 250124,
  /** No path under an API prefix matches (Ferry's own code for an unknown endpoint; 404). */
  ENDPOINT_NOT_FOUND: 250123,
  /** /api/ready: a part Ferry needs (database, migrations, blob store) is failing (Ferry's own code; 503). */
  NOT_READY: 250125,
  /** No or wrong credentials (bk-repo's public documentation numbers it 250112; 401). */
  AUTH_FAILED: 250112,
  /** A remote cluster could not be reached or did not answer as a Ferry cluster. */
  REMOTE_CLUSTER_CONNECT_ERROR: 250301,
  /** The config or task is queued or running, so it cannot be changed, re-run or deleted now. */
  TASK_STATUS_INVALID: 250303,
  /** A cluster node with this name already exists. */
  CLUSTER_NODE_EXISTS: 250305,
  /** The clusterId / cluster name names no registered cluster node. */
  CLUSTER_NODE_NOT_FOUND: 250306,
  /** No distribution config or run-once task with this name in the repository. */
  REPLICA_TASK_NOT_FOUND: 250310,
  /** The project's repository does not exist. */
  REPOSITORY_NOT_FOUND: 251006,
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export const httpStatusOf: Record<ErrorCodeValue, number> = {
  [ErrorCode.SYSTEM_ERROR]: 500,
  [ErrorCode.PARAMETER_MISSING]: 400,
  [ErrorCode.PARAMETER_INVALID]: 400,
  [ErrorCode.REQUEST_CONTENT_INVALID]: 400,
  [ErrorCode.RESOURCE_EXISTED]: 409,
  [ErrorCode.RESOURCE_NOT_FOUND]: 404,
  [ErrorCode.METHOD_NOT_ALLOWED]: 405,
  [ErrorCode.REQUEST_DENIED]: 409,
  [ErrorCode.PERMISSION_DENIED]: 403,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.ENDPOINT_NOT_FOUND]: 404,
  [ErrorCode.INSUFFICIENT_STORAGE]: 507,
  [ErrorCode.NOT_READY]: 503,
  [ErrorCode.AUTH_FAILED]: 401,
  [ErrorCode.CSRF_TOKEN_INVALID]: 403,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.REMOTE_CLUSTER_CONNECT_ERROR]: 502,
  [ErrorCode.TASK_STATUS_INVALID]: 409,
  [ErrorCode.CLUSTER_NODE_EXISTS]: 409,
  [ErrorCode.CLUSTER_NODE_NOT_FOUND]: 404,
  [ErrorCode.REPLICA_TASK_NOT_FOUND]: 404,
  [ErrorCode.REPOSITORY_NOT_FOUND]: 404,
};
