import { describe, expect, it } from 'vitest';
import { fateAtTarget, wouldSend } from './fates';

const A = 'sha256:aaa';
const B = 'sha256:bbb';

describe('fateAtTarget', () => {
  it('copies what is absent', () => {
    expect(fateAtTarget(A, { present: false }, 'SKIP')).toEqual({ fate: 'COPY' });
  });

  it('skips what is present with the same digest', () => {
    expect(fateAtTarget(A, { present: true, digest: A, size: 3 }, 'FAST_FAIL')).toEqual({ fate: 'SKIP' });
  });

  it("names the conflict strategy's action when the digest differs", () => {
    const other = { present: true as const, digest: B, size: 3 };
    expect(fateAtTarget(A, other, 'SKIP')).toEqual({ fate: 'CONFLICT', conflictAction: 'SKIPPED' });
    expect(fateAtTarget(A, other, 'OVERWRITE')).toEqual({ fate: 'CONFLICT', conflictAction: 'OVERWRITTEN' });
    expect(fateAtTarget(A, other, 'FAST_FAIL')).toEqual({ fate: 'CONFLICT', conflictAction: 'RUN_FAILS' });
  });

  it('treats a folder at a file path (no digest) as a conflict', () => {
    expect(fateAtTarget(A, { present: true, digest: null, size: null }, 'SKIP')).toMatchObject({ fate: 'CONFLICT' });
  });

  it('judges several target tags together: any other content conflicts, all the same skips, else copies', () => {
    const tags = (...digests: Array<string | null>) => ({
      present: true as const,
      digest: null,
      size: null,
      tags: digests.map((digest, i) => ({ tag: `t${i}`, digest })),
    });
    expect(fateAtTarget(A, tags(A, B), 'OVERWRITE')).toEqual({ fate: 'CONFLICT', conflictAction: 'OVERWRITTEN' });
    expect(fateAtTarget(A, tags(A, A), 'SKIP')).toEqual({ fate: 'SKIP' });
    expect(fateAtTarget(A, tags(A, null), 'SKIP')).toEqual({ fate: 'COPY' });
  });
});

describe('wouldSend', () => {
  it('sends copies and overwritten conflicts only', () => {
    expect(wouldSend({ fate: 'COPY' })).toBe(true);
    expect(wouldSend({ fate: 'SKIP' })).toBe(false);
    expect(wouldSend({ fate: 'CONFLICT', conflictAction: 'OVERWRITTEN' })).toBe(true);
    expect(wouldSend({ fate: 'CONFLICT', conflictAction: 'SKIPPED' })).toBe(false);
    expect(wouldSend({ fate: 'CONFLICT', conflictAction: 'RUN_FAILS' })).toBe(false);
  });
});
