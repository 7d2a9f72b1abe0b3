import { describe, expect, it } from 'vitest';
import { percentile } from './run-durations';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 0.95)).toBe(19);
    expect(percentile(values, 0.5)).toBe(10);
    expect(percentile([7, 1, 3], 0.95)).toBe(7);
    expect(percentile([42], 0.95)).toBe(42);
  });

  it('has no percentile without values', () => {
    expect(percentile([], 0.95)).toBeNull();
  });
});
