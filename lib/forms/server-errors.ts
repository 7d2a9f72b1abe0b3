import type { FieldValues, Path, UseFormGetValues, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from '../api-client/api-fetch';

// The one bridge between the API's validation and a form: the API names fields by their request path
// ("configs[0].setting.rateLimit"); each form says which of its shown fields holds that path.

/** The shown form field ("rateLimitValue") an API field path lands on for these values, or null when no shown field holds it. */
export type FieldOf<V> = (apiPath: string, values: V) => string | null;

/** For forms whose fields carry the API's names: the path itself when the form shows it. */
export const shownFields =
  <V>(names: readonly string[]): FieldOf<V> =>
  (apiPath) =>
    names.includes(apiPath) ? apiPath : null;

/** Narrows a mapping to the fields `shown` accepts (e.g. the image fields only on DOCKER repositories). */
export const onlyShown =
  <V>(fieldOf: FieldOf<V>, shown: (field: string) => boolean): FieldOf<V> =>
  (apiPath, values) => {
    const field = fieldOf(apiPath, values);
    return field !== null && shown(field) ? field : null;
  };

/** "configs[0].setting.rateLimit" for a zod issue path, as the server's messages name fields. */
export function apiPathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

/**
 * A superRefine that checks the form's values with the API's own request schema and reports each
 * issue on the field that shows it (else on `fallback`): the browser and the server apply one set of rules.
 */
export function checkWithApiSchema<V>(schema: z.ZodType, toBody: (values: V) => unknown, fieldOf: FieldOf<V>, fallback: string) {
  return (values: V, ctx: z.RefinementCtx) => {
    const result = schema.safeParse(toBody(values));
    if (result.success) return;
    for (const issue of result.error.issues) {
      const field = fieldOf(apiPathOf(issue.path), values) ?? fallback;
      ctx.addIssue({ code: 'custom', path: field.split('.'), message: issue.message });
    }
  };
}

type FormLike<V extends FieldValues> = { setError: UseFormSetError<V>; getValues: UseFormGetValues<V> };

/**
 * Shows a failed request on the form: on the field the server named when the form shows it, else as
 * the form-level message (`errors.root`), so no refusal is silent behind a hidden field.
 */
export function showServerError<V extends FieldValues>(error: unknown, form: FormLike<V>, fieldOf: FieldOf<V>): void {
  const message = error instanceof Error ? error.message : String(error);
  const apiPath = error instanceof ApiError ? error.field : null;
  const field = apiPath === null ? null : fieldOf(apiPath, form.getValues());
  if (field === null) {
    form.setError('root', { type: 'server', message });
    return;
  }
  form.setError(field as Path<V>, { type: 'server', message: message.replace(/^Parameter \[.+?\] /, '') }, { shouldFocus: true });
}
