import { describe, expect, it } from 'vitest';
import { normalizeArtifactPath } from './normalize-path';

describe('normalizeArtifactPath', () => {
  it('folds repeated and trailing slashes', () => {
    expect(normalizeArtifactPath('/a//b/c/')).toEqual({ ok: true, path: '/a/b/c' });
    expect(normalizeArtifactPath('/')).toEqual({ ok: true, path: '/' });
  });
  it('keeps dots inside names', () => {
    expect(normalizeArtifactPath('/release/v1.2/app..tar.gz')).toEqual({ ok: true, path: '/release/v1.2/app..tar.gz' });
  });
  it.each([
    ['a/b', 'absolute'],
    ['/a/../b', "'..'"],
    ['/a/./b', "'..'"],
    ['/a\\b', 'separator'],
    ['/a\0b', 'NUL'],
    ['', 'empty'],
  ])('rejects %j', (input, reason) => {
    const result = normalizeArtifactPath(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
