import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../api-client/api-fetch';

/**
 * Puts a server validation error on the field it names. `toFormField` translates the API path
 * (e.g. "configs[0].setting.rateLimit") into the form's field name; unknown paths return null and
 * the error stays a form-level message.
 */
export function applyServerError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  toFormField: (apiPath: string) => string | null = (path) => path,
): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const field = toFormField(error.field);
  if (!field) return false;
  setError(field as Path<T>, { type: 'server', message: error.message.replace(/^Parameter \[.+?\] /, '') }, { shouldFocus: true });
  return true;
}
