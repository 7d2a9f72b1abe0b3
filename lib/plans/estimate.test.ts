import { describe, expect, it } from 'vitest';
import { estimateTransfer } from './estimate';

describe('estimateTransfer', () => {
  it('divides the bytes by the rate limit, rounding up', () => {
    expect(estimateTransfer(12 * 1024 * 1024, 1024 * 1024)).toEqual({
      seconds: 12,
      words: '12 MB to move: about 12 s at the rate limit of 1.0 MB/s',
    });
    expect(estimateTransfer(1, 1024).seconds).toBe(1);
    expect(estimateTransfer(720 * 1024 * 1024, 1024 * 1024).words).toContain('about 12 min');
  });

  it('gives no time without a rate limit, and says why', () => {
    expect(estimateTransfer(2048, 0)).toEqual({
      seconds: null,
      words: '2.0 KB to move; no rate limit, so the time depends on the network and the target',
    });
  });

  it('says nothing moves, and marks a partial plan as a lower bound', () => {
    expect(estimateTransfer(0, 0)).toEqual({ seconds: 0, words: 'no bytes to move' });
    expect(estimateTransfer(0, 100, { partial: true }).words).toBe('no bytes to move among the artifacts probed');
    expect(estimateTransfer(2048, 1024, { partial: true }).words).toMatch(/^at least 2\.0 KB to move/);
  });
});
