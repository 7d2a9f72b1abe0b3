import { AppError } from './app-error';
import { fieldPath } from './validation';

// PostgreSQL refuses U+0000 in text, and a lone surrogate cannot be encoded as UTF-8: either would
// surface as a 500 deep in a query. Refused once, where input enters, naming the field.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnstorableText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** Throws 250105 naming `field` when the text holds a NUL or a lone surrogate. */
export function assertStorableText(text: string, field: string): void {
  if (hasUnstorableText(text)) throw AppError.invalid(field, 'contains a NUL character or an unpaired surrogate');
}

/** Walks a parsed JSON value (keys and string values) and refuses the first unstorable string. */
export function assertStorableJson(value: unknown, path: PropertyKey[] = []): void {
  if (typeof value === 'string') {
    assertStorableText(value, fieldPath(path));
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) assertStorableJson(item, [...path, index]);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      assertStorableText(key, fieldPath([...path, key]));
      assertStorableJson(item, [...path, key]);
    }
  }
}
