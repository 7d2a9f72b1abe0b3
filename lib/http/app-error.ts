import { ErrorCode, type ErrorCodeValue, httpStatusOf } from './error-codes';

/** The one error type domain code throws; the route wrapper turns it into the envelope. */
export class AppError extends Error {
  readonly code: ErrorCodeValue;
  /** Which request field the error is about, for forms that put it beside the input. */
  readonly field?: string;
  /** Sent as Retry-After (seconds) with a 429. */
  retryAfterSeconds?: number;

  constructor(code: ErrorCodeValue, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }

  static tooManyRequests(message: string, retryAfterMs: number, field?: string): AppError {
    const error = new AppError(ErrorCode.TOO_MANY_REQUESTS, message, field);
    error.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return error;
  }

  get status(): number {
    return httpStatusOf[this.code];
  }

  static missing(field: string, why?: string): AppError {
    const detail = why ? `: ${why}` : '';
    return new AppError(ErrorCode.PARAMETER_MISSING, `Parameter [${field}] is missing${detail}`, field);
  }

  static invalid(field: string, why?: string): AppError {
    const detail = why ? `: ${why}` : '';
    return new AppError(ErrorCode.PARAMETER_INVALID, `Parameter [${field}] is invalid${detail}`, field);
  }
}

/** PostgreSQL unique_violation, raised by pg and PGlite alike (possibly wrapped by Drizzle). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (candidate.code === '23505') return !constraint || candidate.constraint === constraint;
    current = candidate.cause;
  }
  return false;
}

/** The one row an `insert … returning` wrote, or `alreadyExists()` when the row broke a unique constraint. */
export async function insertedRow<Row>(insert: PromiseLike<Row[]>, alreadyExists: () => AppError): Promise<Row> {
  try {
    const [row] = await insert;
    if (!row) throw new Error('insert returned no row');
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists();
    throw error;
  }
}
