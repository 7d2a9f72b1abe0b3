import { describe, expect, it } from 'vitest';
import { AppError } from './app-error';
import { assertStorableJson, hasUnstorableText } from './text-guards';

describe('text guards', () => {
  it('finds NUL and unpaired surrogates but accepts paired ones', () => {
    expect(hasUnstorableText('a\u0000b')).toBe(true);
    expect(hasUnstorableText('x\uD800')).toBe(true);
    expect(hasUnstorableText('\uDC00y')).toBe(true);
    expect(hasUnstorableText('emoji 😀 and ümlaut')).toBe(false);
  });

  it('names the nested field that holds the bad string', () => {
    const body = { configs: [{ name: 'ok' }, { setting: { description: 'bad\u0000' } }] };
    let error: unknown;
    try {
      assertStorableJson(body);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(250105);
    expect((error as AppError).message).toBe(
      'Parameter [configs[1].setting.description] is invalid: contains a NUL character or an unpaired surrogate',
    );
  });

  it('checks object keys too', () => {
    expect(() => assertStorableJson({ 'k\u0000': 1 })).toThrow('contains a NUL character');
  });
});
