import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, parseDateTimeInput } from './local-time';

// vitest runs with the process zone of the machine; these tests pin it via offsets they compute.
describe('formatLocalDateTime', () => {
  it('prints wall time without offset and trims trailing zeros of the fraction', () => {
    const date = new Date(2022, 7, 23, 10, 45, 19, 790);
    expect(formatLocalDateTime(date)).toBe('2022-08-23T10:45:19.79');
  });
  it('omits the fraction on whole seconds', () => {
    expect(formatLocalDateTime(new Date(2022, 9, 20, 17, 14, 37, 0))).toBe('2022-10-20T17:14:37');
  });
  it('keeps a one-millisecond fraction as three digits', () => {
    expect(formatLocalDateTime(new Date(2022, 0, 1, 0, 0, 0, 1))).toBe('2022-01-01T00:00:00.001');
  });
  it('maps null to null', () => {
    expect(formatLocalDateTime(null)).toBeNull();
  });
});

describe('parseDateTimeInput', () => {
  it('reads the local format in the process zone', () => {
    expect(parseDateTimeInput('2030-08-23T10:45:19.79')?.getTime()).toBe(new Date(2030, 7, 23, 10, 45, 19, 790).getTime());
  });
  it('reads ISO-8601 with an offset as that instant', () => {
    expect(parseDateTimeInput('2030-01-01T08:00:00+08:00')?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(parseDateTimeInput('2030-01-01T00:00:00Z')?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });
  it('accepts nanosecond fractions by truncating to milliseconds', () => {
    expect(parseDateTimeInput('2030-01-01T00:00:00.123456789Z')?.toISOString()).toBe('2030-01-01T00:00:00.123Z');
  });
  it('refuses impossible dates and other shapes', () => {
    for (const bad of ['2022-02-30T00:00:00', '2022-13-01T00:00', '2022-01-01 10:00', 'tomorrow', '2022-01-01T24:00', '1700000000']) {
      expect(parseDateTimeInput(bad), bad).toBeNull();
    }
  });
});
