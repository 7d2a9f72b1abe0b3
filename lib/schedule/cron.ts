/**
 * Cron schedules for Ferry's scheduled distributions: Quartz (6-7 fields, as bk-repo users write
 * them) and Unix 5-field cron. Browser-safe (the UI previews next fire times with it).
 *
 * cron-parser does the time-of-day walking and the DST handling, and the day rules it knows
 * (lists, L, n#k, nL). What it lacks — W, LW, L-n, the year field and Vixie's "a field starting
 * with * makes dom/dow combine with AND" — is a day filter applied here: when a candidate day
 * fails, we compute the next acceptable calendar day ourselves and restart cron-parser there.
 */
import { CronDate, type CronExpression, CronExpressionParser } from 'cron-parser';
import cronstrue from 'cronstrue';
import { type CronDialect, type CronSpec, CronSyntaxError, compileCron } from './cron-syntax';

export { CronSyntaxError } from './cron-syntax';

export interface ParsedCron {
  expression: string;
  dialect: CronDialect;
}

/** Searches never go past this year (the top of the Quartz year field), so no input can run forever. */
const LAST_YEAR = 2199;
const MAX_COUNT = 10_000;
const LONGEST_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

type DayTest = (year: number, month: number, day: number) => boolean;

export function parseCron(expression: string): ParsedCron {
  const spec = compileCron(expression);
  return { expression: spec.fields.join(' '), dialect: spec.dialect };
}

export function nextFireTimes(expression: string, options: { from: Date; count: number; timeZone?: string }): Date[] {
  const spec = compileCron(expression);
  const { from, count } = options;
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) {
    throw new RangeError('nextFireTimes: `from` must be a valid Date');
  }
  if (!Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
    throw new RangeError(`nextFireTimes: count must be a whole number from 0 to ${MAX_COUNT}`);
  }
  const timeZone = resolveTimeZone(options.timeZone);
  const plan = planSchedule(spec);
  if (count === 0 || plan.impossible) return [];

  let iterator: CronExpression;
  try {
    iterator = CronExpressionParser.parse(plan.cronParserExpression, { currentDate: from, tz: timeZone });
  } catch (error) {
    throw new CronSyntaxError(`cron expression '${spec.fields.join(' ')}' cannot be scheduled: ${String(error)}`);
  }

  const months = new Set(spec.months);
  const years = spec.years ? new Set(spec.years) : null;
  const fires: Date[] = [];
  // Each fire needs at most one restart, except when the year filter skips years (at most one per year).
  let budget = count * 3 + (LAST_YEAR - 1970) * 2;
  while (fires.length < count && budget-- > 0) {
    let candidate: CronDate;
    try {
      candidate = iterator.next();
    } catch {
      break; // cron-parser found nothing within its own search limit: the schedule has ended
    }
    const year = candidate.getFullYear();
    const month = candidate.getMonth() + 1;
    const day = candidate.getDate();
    if (year > LAST_YEAR) break;
    if (plan.acceptDay(year, month, day)) {
      fires.push(candidate.toDate());
      continue;
    }
    const nextDay = findDay(plan.acceptDay, months, years, year, month, day + 1);
    if (!nextDay) break;
    iterator.reset(new Date(startOfLocalDay(nextDay, timeZone) - 1000));
  }
  return fires;
}

export function nextFireTime(expression: string, from: Date, timeZone?: string): Date | null {
  return nextFireTimes(expression, { from, count: 1, timeZone })[0] ?? null;
}

export function describeCron(expression: string): string {
  const spec = compileCron(expression);
  const text = spec.fields.join(' ').toUpperCase();
  try {
    return cronstrue.toString(text, {
      verbose: true,
      // Quartz numbers weekdays 1=SUN … 7=SAT; Unix 0=SUN … 6=SAT (7 also SUN).
      dayOfWeekStartIndexZero: spec.dialect === 'unix',
      throwExceptionOnParseError: true,
    });
  } catch {
    return `On the cron schedule "${spec.fields.join(' ')}"`;
  }
}

// ---------------------------------------------------------------------------------------------

interface Plan {
  /** Six-field expression in cron-parser's dialect (weekdays 0-6). */
  cronParserExpression: string;
  /** The part of the day rule cron-parser cannot express (always true when it can). */
  acceptDay: DayTest;
  /** Statically known never to fire (a day-of-month no selected month has). */
  impossible: boolean;
}

function planSchedule(spec: CronSpec): Plan {
  const tests: DayTest[] = [];
  const { dom, dow } = spec;

  let domText = '*';
  if (dom.kind === 'list') domText = dom.days.join(',');
  else if (dom.kind === 'last' && dom.offset === 0) domText = 'L';
  else if (dom.kind === 'last') tests.push((y, m, d) => d === daysInMonth(y, m) - dom.offset);
  else if (dom.kind === 'nearestWeekday') tests.push((y, m, d) => d === nearestWeekday(y, m, dom.day));
  else if (dom.kind === 'lastWeekday') tests.push((y, m, d) => d === lastWeekday(y, m));

  let dowText = '*';
  if (dow.kind === 'list') dowText = dow.days.join(',');
  else if (dow.kind === 'last') dowText = `${dow.day}L`;
  else if (dow.kind === 'nth') dowText = `${dow.day}#${dow.nth}`;

  // Vixie cron: when both day fields are restricted they combine with OR — unless either field
  // starts with '*' (e.g. */2), in which case both must match. cron-parser only knows OR.
  if (dom.kind === 'list' && dow.kind === 'list' && (dom.starPrefixed || dow.starPrefixed)) {
    const weekdays = new Set(dow.days);
    dowText = '*';
    tests.push((y, m, d) => weekdays.has(weekday(y, m, d)));
  }

  if (spec.years) {
    const years = new Set(spec.years);
    tests.push((y) => years.has(y));
  }

  const longest = Math.max(...spec.months.map((m) => LONGEST_MONTH[m - 1] ?? 31));
  const impossible = dom.kind === 'list' && dowText === '*' && (dom.days[0] ?? 1) > longest;

  const timeField = (values: number[], size: number) => (values.length === size ? '*' : values.join(','));
  return {
    cronParserExpression: [
      timeField(spec.seconds, 60),
      timeField(spec.minutes, 60),
      timeField(spec.hours, 24),
      domText,
      timeField(spec.months, 12),
      dowText,
    ].join(' '),
    acceptDay: (y, m, d) => tests.every((test) => test(y, m, d)),
    impossible,
  };
}

interface Day {
  year: number;
  month: number;
  day: number;
}

/** First calendar day on or after year-month-day (day may overflow its month) that passes `accept`. */
function findDay(accept: DayTest, months: Set<number>, years: Set<number> | null, year: number, month: number, day: number): Day | null {
  for (let y = year, m = month, d = day; y <= LAST_YEAR; y++, m = 1, d = 1) {
    if (years && !years.has(y)) continue;
    for (; m <= 12; m++, d = 1) {
      if (!months.has(m)) continue;
      for (const last = daysInMonth(y, m); d <= last; d++) {
        if (accept(y, m, d)) return { year: y, month: m, day: d };
      }
    }
  }
  return null;
}

/** The instant (ms) the given calendar day starts in `timeZone` (01:00 etc. if midnight is skipped by DST). */
function startOfLocalDay({ year, month, day }: Day, timeZone: string): number {
  const noonUtc = Date.UTC(year, month - 1, day, 12);
  // Local time at UTC noon is between 00:00 and 02:00 the next day (offsets span -12h … +14h).
  const probe = new CronDate(new Date(noonUtc), timeZone);
  const drift = Date.UTC(probe.getFullYear(), probe.getMonth(), probe.getDate()) - Date.UTC(year, month - 1, day);
  const local = new CronDate(new Date(noonUtc - drift), timeZone);
  local.setStartOfDay();
  return local.toDate().getTime();
}

function resolveTimeZone(timeZone: string | undefined): string {
  const zone = timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new RangeError(`unknown time zone '${zone}' (expected an IANA name such as 'Asia/Shanghai')`);
  }
  return zone;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Quartz `nW`: the weekday nearest to day n, never leaving the month; no such day if n is past month end. */
function nearestWeekday(year: number, month: number, target: number): number {
  const last = daysInMonth(year, month);
  if (target > last) return -1;
  const dow = weekday(year, month, target);
  if (dow === 6) return target === 1 ? 3 : target - 1; // Saturday → Friday, or Monday the 3rd
  if (dow === 0) return target === last ? target - 2 : target + 1; // Sunday → Monday, or Friday before
  return target;
}

/** Quartz `LW`: the last Monday-Friday of the month. */
function lastWeekday(year: number, month: number): number {
  const last = daysInMonth(year, month);
  const dow = weekday(year, month, last);
  return dow === 6 ? last - 1 : dow === 0 ? last - 2 : last;
}
