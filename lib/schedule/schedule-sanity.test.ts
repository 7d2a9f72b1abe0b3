import { describe, expect, it } from 'vitest';
import { nextFireTimes } from './cron';
import { SANITY_FIRES, scheduleSanity } from './schedule-sanity';

const every = (seconds: number, count = 10) => Array.from({ length: count }, (_, i) => new Date(Date.UTC(2030, 0, 1) + i * seconds * 1000));

describe('scheduleSanity', () => {
  it('says how many fires a regular schedule loses to runs longer than its interval', () => {
    expect(scheduleSanity(12 * 60, every(5 * 60))).toBe(
      'runs take ~12 min; this schedule fires every 5 min — 2 of 3 fires would be skipped',
    );
    expect(scheduleSanity(6 * 60, every(5 * 60))).toBe('runs take ~6 min; this schedule fires every 5 min — 1 of 2 fires would be skipped');
    expect(scheduleSanity(2, every(1))).toBe('runs take ~2 s; this schedule fires every 1 s — 1 of 2 fires would be skipped');
  });

  it('is silent when runs fit, when there is no history, and for one-off schedules', () => {
    expect(scheduleSanity(4 * 60, every(5 * 60))).toBeNull();
    expect(scheduleSanity(5 * 60, every(5 * 60))).toBeNull();
    expect(scheduleSanity(null, every(60))).toBeNull();
    expect(scheduleSanity(0, every(60))).toBeNull();
    expect(scheduleSanity(600, every(60, 1))).toBeNull();
  });

  it('counts skipped fires of an irregular schedule over the fires it is given', () => {
    // Weekdays at 02:00 and 02:10: the 02:10 fire is lost to a 15-minute run, the 02:00 of the next day is not.
    const fires = nextFireTimes('0 0,10 2 ? * MON-FRI', { from: new Date(Date.UTC(2030, 0, 7)), count: 10, timeZone: 'UTC' });
    expect(scheduleSanity(15 * 60, fires)).toBe(
      'runs take ~15 min; this schedule fires as often as every 10 min — 5 of the next 10 fires would be skipped',
    );
  });

  it('works on the preview of a real cron expression', () => {
    const fires = nextFireTimes('0 */5 * * * ?', { from: new Date(Date.UTC(2030, 0, 1)), count: SANITY_FIRES, timeZone: 'UTC' });
    expect(scheduleSanity(12 * 60, fires)).toContain('2 of 3 fires would be skipped');
  });
});
