import { describe, expect, it } from 'vitest';
import { CronSyntaxError, describeCron, nextFireTime, nextFireTimes, parseCron } from './cron';

// Expected instants below were worked out from a calendar, not from this module:
// 2026-01-01 Thu, 2026-02-01 Sun, 2026-03-01 Sun, 2026-05-01 Fri, 2026-06-01 Mon,
// 2026-07-01 Wed, 2026-08-01 Sat, 2026-09-01 Tue, 2026-10-01 Thu.

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const utc = (expression: string, from: string, count = 3) =>
  iso(nextFireTimes(expression, { from: new Date(from), count, timeZone: 'UTC' }));

function syntaxError(expression: string): CronSyntaxError {
  try {
    parseCron(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(CronSyntaxError);
    return error as CronSyntaxError;
  }
  throw new Error(`expected '${expression}' to be rejected`);
}

describe('parseCron', () => {
  it('detects Quartz for 6 and 7 fields and Unix for 5 fields', () => {
    expect(parseCron('0 0 2 * * ?')).toEqual({ expression: '0 0 2 * * ?', dialect: 'quartz' });
    expect(parseCron('0 0 12 1 1 ? 2027').dialect).toBe('quartz');
    expect(parseCron('30 2 * * 1')).toEqual({ expression: '30 2 * * 1', dialect: 'unix' });
  });

  it('tolerates whitespace around and between fields', () => {
    expect(parseCron('  0   0 2\t* *  ? ')).toEqual({ expression: '0 0 2 * * ?', dialect: 'quartz' });
  });

  it('accepts ? in day-of-month or day-of-week, and * in both', () => {
    expect(() => parseCron('0 0 2 ? * MON')).not.toThrow();
    expect(() => parseCron('0 0 2 * * *')).not.toThrow();
  });
});

describe('rejections', () => {
  const cases: Array<[string, string, string]> = [
    ['rejects a cron with 8 fields', '0 0 12 * * ? 2027 1', 'found 8'],
    ['rejects a cron with 4 fields', '0 12 * *', 'found 4'],
    ['rejects an empty expression', '   ', 'empty'],
    ['rejects Quartz day-of-week 9', '0 0 12 ? * 9', "day-of-week field '9' is out of range 1-7 (Quartz: 1=SUN … 7=SAT)"],
    ['rejects Quartz day-of-week 0 (Unix numbering)', '0 0 12 ? * 0', "day-of-week field '0' is out of range 1-7"],
    ['rejects Unix day-of-week 8', '0 0 * * 8', "day-of-week field '8' is out of range 0-7"],
    ['rejects minute 60', '0 60 * * * ?', "minute field '60' is out of range 0-59"],
    ['rejects hour 24 inside a range', '0 0 20-24 * * ?', "hour field '24' is out of range 0-23"],
    ['rejects day-of-month 32', '0 0 12 32 * ?', "day-of-month field '32' is out of range 1-31"],
    ['rejects year 2200', '0 0 12 1 1 ? 2200', "year field '2200' is out of range 1970-2199"],
    ['rejects a zero step', '0 */0 * * * ?', "minute field has an invalid step '0'"],
    ['rejects a non-numeric step', '0 0/x * * * ?', "minute field has an invalid step 'x'"],
    ['rejects a step wider than the field', '0 0 */24 * * ?', "hour field has an invalid step '24'"],
    ['rejects an empty list item', '0 1,,2 * * * ?', "minute field has an empty item in '1,,2'"],
    ['rejects an unknown month name', '0 0 12 ? FOO MON', "month field has unknown name 'FOO'"],
    ['rejects an unknown weekday name', '0 0 12 ? * FUN', "day-of-week field has unknown name 'FUN'"],
    ['rejects ? in the hour field', '0 0 ? * * ?', "'?' is only allowed in the day-of-month or day-of-week field, not in the hour field"],
    ['rejects ? in both day fields', '0 0 12 ? * ?', 'put ? in only one of them'],
    ['rejects ? mixed with values', '0 0 12 ?,1 * *', "'?' must stand alone"],
    ['rejects restricting both day fields in Quartz', '0 0 12 1 * MON', 'specify day-of-month or day-of-week, and put ? in the other'],
    ['rejects garbage in a field', '0 0 1x * * ?', "hour field has an invalid value '1x'"],
    ['rejects free text', 'every day at noon', 'found 4'],
    ['rejects a malformed range', '0 0 1- * * ?', "hour field has an invalid range '1-'"],
    ['rejects a backwards range in Unix cron', '0 0 * * 5-1', "day-of-week field range '5-1' runs backwards"],
    ['rejects Quartz-only L in Unix cron', '0 0 L * *', 'Quartz-only syntax'],
    ['rejects an occurrence beyond #5', '0 0 12 ? * 2#6', 'occurrence after # must be from 1 to 5'],
    ['rejects L-31', '0 0 12 L-31 * ?', 'offset after L- must be from 0 to 30'],
    ['rejects L combined with other days', '0 0 12 1,L * ?', 'L and W cannot be combined'],
    ['rejects # combined with other weekdays', '0 0 12 ? * 2#1,3', 'L and # cannot be combined'],
  ];
  for (const [name, expression, message] of cases) {
    it(name, () => {
      expect(syntaxError(expression).message).toContain(message);
    });
  }

  it('nextFireTimes and describeCron throw CronSyntaxError for invalid expressions', () => {
    expect(() => nextFireTimes('0 0 12 ? * 9', { from: new Date(), count: 1 })).toThrow(CronSyntaxError);
    expect(() => describeCron('0 0 12 1 * MON')).toThrow(CronSyntaxError);
  });

  it('rejects a count that is negative, fractional or above 10000 with a RangeError', () => {
    const from = new Date('2026-03-10T00:00:00Z');
    for (const count of [-1, 1.5, 10_001]) {
      expect(() => nextFireTimes('0 0 2 * * ?', { from, count, timeZone: 'UTC' })).toThrow(RangeError);
    }
  });

  it('rejects an unknown time zone with a RangeError', () => {
    expect(() => nextFireTimes('0 0 2 * * ?', { from: new Date(), count: 1, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('nextFireTimes: Quartz and Unix fire times in UTC', () => {
  const fireCases: Array<{ name: string; expression: string; from: string; count: number; fires: string[] }> = [
    {
      name: 'fires every five minutes for 0 */5 * * * ?',
      expression: '0 */5 * * * ?',
      from: '2026-03-10T10:02:30Z',
      count: 3,
      fires: ['2026-03-10T10:05:00.000Z', '2026-03-10T10:10:00.000Z', '2026-03-10T10:15:00.000Z'],
    },
    {
      name: 'supports start/step like 3/10 in the minute field',
      expression: '0 3/20 9 * * ?',
      from: '2026-03-10T00:00:00Z',
      count: 3,
      fires: ['2026-03-10T09:03:00.000Z', '2026-03-10T09:23:00.000Z', '2026-03-10T09:43:00.000Z'],
    },
    {
      name: 'fires every second for * * * * * ? and is strictly after from',
      expression: '* * * * * ?',
      from: '2026-03-10T10:00:00Z',
      count: 3,
      fires: ['2026-03-10T10:00:01.000Z', '2026-03-10T10:00:02.000Z', '2026-03-10T10:00:03.000Z'],
    },
    {
      // 2026-03-10 is a Tuesday.
      name: 'reads day-of-week 2 as Monday (Quartz 1=SUN)',
      expression: '0 0 12 ? * 2',
      from: '2026-03-10T00:00:00Z',
      count: 3,
      fires: ['2026-03-16T12:00:00.000Z', '2026-03-23T12:00:00.000Z', '2026-03-30T12:00:00.000Z'],
    },
    {
      name: 'fires on the last Friday of the month for 6L',
      expression: '0 0 12 ? * 6L',
      from: '2026-01-01T00:00:00Z',
      count: 3,
      fires: ['2026-01-30T12:00:00.000Z', '2026-02-27T12:00:00.000Z', '2026-03-27T12:00:00.000Z'],
    },
    {
      name: 'fires on the first Monday of the month for 2#1',
      expression: '0 0 12 ? * 2#1',
      from: '2026-01-01T00:00:00Z',
      count: 3,
      fires: ['2026-01-05T12:00:00.000Z', '2026-02-02T12:00:00.000Z', '2026-03-02T12:00:00.000Z'],
    },
    {
      name: 'fires on the last day of the month for L',
      expression: '0 0 12 L * ?',
      from: '2026-01-31T12:00:00Z',
      count: 3,
      fires: ['2026-02-28T12:00:00.000Z', '2026-03-31T12:00:00.000Z', '2026-04-30T12:00:00.000Z'],
    },
    {
      name: 'fires two days before the last day for L-2',
      expression: '0 0 12 L-2 * ?',
      from: '2026-01-01T00:00:00Z',
      count: 3,
      fires: ['2026-01-29T12:00:00.000Z', '2026-02-26T12:00:00.000Z', '2026-03-29T12:00:00.000Z'],
    },
    {
      name: 'moves 15W to Friday the 14th when the 15th is a Saturday (August 2026)',
      expression: '0 0 12 15W * ?',
      from: '2026-08-01T00:00:00Z',
      count: 3,
      fires: ['2026-08-14T12:00:00.000Z', '2026-09-15T12:00:00.000Z', '2026-10-15T12:00:00.000Z'],
    },
    {
      name: 'moves 15W to Monday the 16th when the 15th is a Sunday (February and March 2026)',
      expression: '0 0 12 15W * ?',
      from: '2026-02-01T00:00:00Z',
      count: 3,
      fires: ['2026-02-16T12:00:00.000Z', '2026-03-16T12:00:00.000Z', '2026-04-15T12:00:00.000Z'],
    },
    {
      name: 'moves 1W forward to Monday the 3rd when the 1st is a Saturday, never back into the previous month',
      expression: '0 0 12 1W * ?',
      from: '2026-07-02T00:00:00Z',
      count: 3,
      fires: ['2026-08-03T12:00:00.000Z', '2026-09-01T12:00:00.000Z', '2026-10-01T12:00:00.000Z'],
    },
    {
      name: 'reads day-of-week 1 as Monday in 30 2 * * 1',
      expression: '30 2 * * 1',
      from: '2026-03-10T00:00:00Z',
      count: 3,
      fires: ['2026-03-16T02:30:00.000Z', '2026-03-23T02:30:00.000Z', '2026-03-30T02:30:00.000Z'],
    },
    {
      // Mondays that fall on the 1st, 11th, 21st or 31st.
      name: 'requires both day fields when one starts with * (Vixie), as in 0 0 */10 * 1',
      expression: '0 0 */10 * 1',
      from: '2026-01-01T00:00:00Z',
      count: 3,
      fires: ['2026-05-11T00:00:00.000Z', '2026-06-01T00:00:00.000Z', '2026-08-31T00:00:00.000Z'],
    },
    {
      name: 'fires exactly once for year 2027 and then ends (count 3 gives 1)',
      expression: '0 0 12 1 1 ? 2027',
      from: '2026-06-01T00:00:00Z',
      count: 3,
      fires: ['2027-01-01T12:00:00.000Z'],
    },
    {
      name: 'treats * in day-of-month with a restricted day-of-week as that weekday (0 0 12 * * 2)',
      expression: '0 0 12 * * 2',
      from: '2026-03-10T00:00:00Z',
      count: 2,
      fires: ['2026-03-16T12:00:00.000Z', '2026-03-23T12:00:00.000Z'],
    },
    {
      name: 'moves 31W back to Friday the 29th when the 31st is a Sunday, and skips 30-day months',
      expression: '0 0 12 31W * ?',
      from: '2026-05-01T00:00:00Z',
      count: 2,
      fires: ['2026-05-29T12:00:00.000Z', '2026-07-31T12:00:00.000Z'],
    },
    {
      name: 'finds Feb 29 in the next leap year',
      expression: '0 0 12 29 2 ?',
      from: '2026-01-01T00:00:00Z',
      count: 2,
      fires: ['2028-02-29T12:00:00.000Z', '2032-02-29T12:00:00.000Z'],
    },
    {
      name: 'supports year ranges and steps',
      expression: '0 0 0 1 1 ? 2030-2040/5',
      from: '2026-01-01T00:00:00Z',
      count: 5,
      fires: ['2030-01-01T00:00:00.000Z', '2035-01-01T00:00:00.000Z', '2040-01-01T00:00:00.000Z'],
    },
    {
      // Fri May 29, Mon Jun 1 (the 1st), Fri Jun 5, Fri Jun 12.
      name: 'fires when either day-of-month or day-of-week matches in 0 0 1 * 5',
      expression: '0 0 1 * 5',
      from: '2026-05-25T00:00:00Z',
      count: 4,
      fires: ['2026-05-29T00:00:00.000Z', '2026-06-01T00:00:00.000Z', '2026-06-05T00:00:00.000Z', '2026-06-12T00:00:00.000Z'],
    },
    {
      // Jan 31 2026 is a Saturday, May 31 2026 a Sunday.
      name: 'fires on the last weekday of the month for LW',
      expression: '0 0 12 LW * ?',
      from: '2026-01-01T00:00:00Z',
      count: 5,
      fires: [
        '2026-01-30T12:00:00.000Z',
        '2026-02-27T12:00:00.000Z',
        '2026-03-31T12:00:00.000Z',
        '2026-04-30T12:00:00.000Z',
        '2026-05-29T12:00:00.000Z',
      ],
    },
  ];
  for (const { name, expression, from, count, fires } of fireCases) {
    it(name, () => {
      expect(utc(expression, from, count)).toEqual(fires);
    });
  }
});

describe('nextFireTimes: Quartz', () => {
  it('fires daily at 02:00 Asia/Shanghai, i.e. 18:00 UTC the day before', () => {
    const from = new Date('2026-03-10T00:00:00Z'); // 08:00 in Shanghai
    expect(iso(nextFireTimes('0 0 2 * * ?', { from, count: 3, timeZone: 'Asia/Shanghai' }))).toEqual([
      '2026-03-10T18:00:00.000Z',
      '2026-03-11T18:00:00.000Z',
      '2026-03-12T18:00:00.000Z',
    ]);
  });

  it('maps Quartz weekday ranges, including ones that wrap past Saturday (FRI-MON)', () => {
    expect(utc('0 0 12 ? * 2-6', '2026-03-13T13:00:00Z')).toEqual([
      '2026-03-16T12:00:00.000Z',
      '2026-03-17T12:00:00.000Z',
      '2026-03-18T12:00:00.000Z',
    ]);
    expect(utc('0 0 12 ? * FRI-MON', '2026-03-10T00:00:00Z', 5)).toEqual([
      '2026-03-13T12:00:00.000Z',
      '2026-03-14T12:00:00.000Z',
      '2026-03-15T12:00:00.000Z',
      '2026-03-16T12:00:00.000Z',
      '2026-03-20T12:00:00.000Z',
    ]);
  });

  it('applies W rules on the local calendar of the time zone', () => {
    // 02:00 on Fri 2026-08-14 in Shanghai is 18:00 UTC on the 13th.
    expect(iso(nextFireTimes('0 0 2 15W * ?', { from: new Date('2026-08-01T00:00:00Z'), count: 1, timeZone: 'Asia/Shanghai' }))).toEqual([
      '2026-08-13T18:00:00.000Z',
    ]);
    // New York is UTC-5 in winter, so 2026-01-01T00:00Z is still Wed Dec 31 2025 there, which is
    // December's last weekday: 23:00 that evening is 04:00 UTC on Jan 1. Then Fri Jan 30, 23:00 EST.
    const from = new Date('2026-01-01T00:00:00Z');
    expect(iso(nextFireTimes('0 0 23 LW * ?', { from, count: 2, timeZone: 'America/New_York' }))).toEqual([
      '2026-01-01T04:00:00.000Z',
      '2026-01-31T04:00:00.000Z',
    ]);
  });

  it('fires every second of the 15W day and stays fast', () => {
    const started = Date.now();
    expect(utc('* * * 15W * ?', '2026-08-01T00:00:00Z')).toEqual([
      '2026-08-14T00:00:00.000Z',
      '2026-08-14T00:00:01.000Z',
      '2026-08-14T00:00:02.000Z',
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('returns nothing (quickly) for schedules that can never fire', () => {
    const started = Date.now();
    expect(utc('0 0 12 30 2 ?', '2026-01-01T00:00:00Z')).toEqual([]);
    expect(utc('0 0 12 31W 2 ?', '2026-01-01T00:00:00Z')).toEqual([]);
    expect(utc('0 0 12 29 2 ? 2199', '2026-01-01T00:00:00Z')).toEqual([]); // 2199 is not a leap year
    expect(utc('0 0 12 1 1 ? 2025', '2026-01-01T00:00:00Z')).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not crash on a DST gap and keeps wall-clock time otherwise', () => {
    // New York springs forward on 2026-03-08: 02:30 does not exist; cron-parser shifts it to 03:30 EDT.
    expect(
      iso(
        nextFireTimes('0 30 2 * * ?', {
          from: new Date('2026-03-07T00:00:00Z'),
          count: 3,
          timeZone: 'America/New_York',
        }),
      ),
    ).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:30:00.000Z', // 03:30 EDT
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
  });
});

describe('nextFireTimes: Unix 5-field', () => {
  it('treats 7 and 0 as Sunday and accepts names', () => {
    expect(utc('0 9 * * 7', '2026-03-10T00:00:00Z', 1)).toEqual(['2026-03-15T09:00:00.000Z']);
    expect(utc('0 9 * * 0', '2026-03-10T00:00:00Z', 1)).toEqual(['2026-03-15T09:00:00.000Z']);
    expect(utc('0 9 * JAN-MAR SAT', '2026-03-10T00:00:00Z', 2)).toEqual(['2026-03-14T09:00:00.000Z', '2026-03-21T09:00:00.000Z']);
  });
});

describe('nextFireTime', () => {
  it('returns the first fire time or null once the schedule has ended', () => {
    const from = new Date('2026-06-01T00:00:00Z');
    expect(nextFireTime('0 0 12 1 1 ? 2027', from, 'UTC')?.toISOString()).toBe('2027-01-01T12:00:00.000Z');
    expect(nextFireTime('0 0 12 1 1 ? 2027', new Date('2027-01-01T12:00:00Z'), 'UTC')).toBeNull();
  });
});

describe('describeCron', () => {
  it('describes 0 0 2 * * ? with the time 02:00', () => {
    expect(describeCron('0 0 2 * * ?')).toContain('02:00');
  });

  it('describes Quartz day-of-week 2 as Monday and 1 as Sunday', () => {
    expect(describeCron('0 0 12 ? * 2')).toContain('Monday');
    expect(describeCron('0 0 12 ? * 1')).toContain('Sunday');
  });

  it('describes Unix day-of-week 1 as Monday', () => {
    expect(describeCron('30 2 * * 1')).toContain('Monday');
  });
});
