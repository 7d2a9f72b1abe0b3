import type { z } from 'zod';
import { AppError } from './app-error';
import { ErrorCode, type ErrorCodeValue } from './error-codes';

/** Renders a zod path the way bk-repo names fields: configs[0].setting.rateLimit */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || 'body';
}

/** Schemas may pin a bk-repo code on a custom issue with `params: { code }`. */
type IssueParams = { code?: ErrorCodeValue };

/** Maps the first zod issue to bk-repo's codes: missing 250103, wrong type or enum 250106, else 250105. */
function appErrorFromZod(error: z.ZodError, prefix = ''): AppError {
  const issue = error.issues[0];
  if (!issue) return new AppError(ErrorCode.REQUEST_CONTENT_INVALID, 'Request body is invalid');
  const field = fieldPath(issue.path, prefix);
  const pinned = issue.code === 'custom' ? (issue.params as IssueParams | undefined)?.code : undefined;
  if (pinned === ErrorCode.PARAMETER_MISSING) {
    return AppError.missing(field, issue.message === 'is missing' ? undefined : issue.message);
  }
  if (pinned) return new AppError(pinned, `Parameter [${field}] is invalid: ${issue.message}`, field);
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined || issue.input === null) return AppError.missing(field);
    // zod reports 1.5 for an int as a type error; for bk-repo that is a wrong value, not a wrong type.
    if (issue.expected === 'int' && typeof issue.input === 'number') return AppError.invalid(field, 'must be a whole number');
    return new AppError(ErrorCode.REQUEST_CONTENT_INVALID, `Parameter [${field}] has the wrong type: expected ${issue.expected}`, field);
  }
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map(String).join(', ');
    return new AppError(ErrorCode.REQUEST_CONTENT_INVALID, `Parameter [${field}] is invalid: expected one of ${allowed}`, field);
  }
  return AppError.invalid(field, issue.message);
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw appErrorFromZod(result.error, prefix);
  return result.data;
}
