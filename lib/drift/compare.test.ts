import { describe, expect, it } from 'vitest';
import { artifactKey, compareArtifact, extraNames, type SourceArtifact } from './compare';

const file: SourceArtifact = { kind: 'FILE', name: '/a.txt', version: null, targetVersion: null, digest: 'sha256:ABC', size: 3 };

describe('compareArtifact', () => {
  it('calls an absent artifact missing', () => {
    expect(compareArtifact(file, { present: false })).toBe('MISSING');
  });
  it('matches a bare hex sha256 with a prefixed one, case-insensitively', () => {
    expect(compareArtifact(file, { present: true, digest: 'abc', size: 3 })).toBe('IN_SYNC');
  });
  it('calls another digest different', () => {
    expect(compareArtifact(file, { present: true, digest: 'sha256:abd', size: 3 })).toBe('DIFFERENT');
  });
  it('falls back to the size when the target does not say its digest', () => {
    expect(compareArtifact(file, { present: true, digest: null, size: 4 })).toBe('DIFFERENT');
    expect(compareArtifact(file, { present: true, digest: null, size: null })).toBe('IN_SYNC');
  });
});

describe('extraNames', () => {
  it('keeps what only the target holds, once each', () => {
    expect(extraNames(['1.0', 'old', 'old', '2.0'], new Set(['1.0', '2.0']))).toEqual(['old']);
  });
});

describe('artifactKey', () => {
  it('tells a file from an image tag of the same name', () => {
    expect(artifactKey({ kind: 'FILE', name: 'a', version: null })).not.toBe(artifactKey({ kind: 'IMAGE', name: 'a', version: '' }));
  });
});
