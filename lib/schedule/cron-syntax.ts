/**
 * Parser and validator for the two cron dialects Ferry accepts:
 *   - 5 fields: Unix (Vixie) cron — minute hour day-of-month month day-of-week (0/7 = SUN)
 *   - 6/7 fields: Quartz — second minute hour day-of-month month day-of-week [year] (1 = SUN … 7 = SAT)
 *
 * It turns an expression into a CronSpec with every field expanded to concrete numbers, so the
 * scheduler in ./cron.ts never has to look at cron text again. Browser-safe: no Node imports.
 */

export type CronDialect = 'quartz' | 'unix';

export class CronSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronSyntaxError';
  }
}

/** Day-of-month rule. Day numbers are 1-31. */
type DomRule =
  | { kind: 'any' }
  | { kind: 'list'; days: number[]; starPrefixed: boolean }
  | { kind: 'last'; offset: number } // L (offset 0) or L-n
  | { kind: 'nearestWeekday'; day: number } // nW
  | { kind: 'lastWeekday' }; // LW

/** Day-of-week rule. Weekdays are always 0 = SUN … 6 = SAT here, whatever the dialect wrote. */
type DowRule =
  | { kind: 'any' }
  | { kind: 'list'; days: number[]; starPrefixed: boolean }
  | { kind: 'last'; day: number } // nL: last such weekday of the month
  | { kind: 'nth'; day: number; nth: number }; // n#k: k-th such weekday of the month

export interface CronSpec {
  dialect: CronDialect;
  /** The fields as written, whitespace-normalised. */
  fields: string[];
  seconds: number[];
  minutes: number[];
  hours: number[];
  /** 1-12 */
  months: number[];
  /** null = any year */
  years: number[] | null;
  dom: DomRule;
  dow: DowRule;
}

interface FieldDef {
  label: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Numeric value of names[0]. */
  nameBase?: number;
  hint?: string;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MAX_EXPRESSION_LENGTH = 512;

const SECOND: FieldDef = { label: 'second', min: 0, max: 59 };
const MINUTE: FieldDef = { label: 'minute', min: 0, max: 59 };
const HOUR: FieldDef = { label: 'hour', min: 0, max: 23 };
const DOM: FieldDef = { label: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldDef = { label: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 };
const YEAR: FieldDef = { label: 'year', min: 1970, max: 2199 };
const QUARTZ_DOW: FieldDef = {
  label: 'day-of-week',
  min: 1,
  max: 7,
  names: DAY_NAMES,
  nameBase: 1,
  hint: '(Quartz: 1=SUN … 7=SAT)',
};
const UNIX_DOW: FieldDef = {
  label: 'day-of-week',
  min: 0,
  max: 7,
  names: DAY_NAMES,
  nameBase: 0,
  hint: '(Unix: 0 or 7=SUN, 1=MON … 6=SAT)',
};

function fail(message: string): never {
  throw new CronSyntaxError(message);
}

function parseValue(token: string, def: FieldDef): number {
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    if (value < def.min || value > def.max) {
      fail(`${def.label} field '${token}' is out of range ${def.min}-${def.max}${def.hint ? ` ${def.hint}` : ''}`);
    }
    return value;
  }
  if (/^[a-z]+$/i.test(token) && def.names) {
    const index = def.names.indexOf(token.toUpperCase());
    if (index < 0) fail(`${def.label} field has unknown name '${token}' (expected one of ${def.names.join(', ')})`);
    return index + (def.nameBase ?? 0);
  }
  return fail(`${def.label} field has an invalid value '${token}'`);
}

/** Expands a list of `*`, `a`, `a-b`, with optional `/step`, into sorted distinct values. */
function parseList(text: string, def: FieldDef, dialect: CronDialect): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') fail(`${def.label} field has an empty item in '${text}'`);
    const parts = item.split('/');
    if (parts.length > 2) fail(`${def.label} field has an invalid step expression '${item}'`);
    const [base = '', stepText] = parts;
    let step = 1;
    if (stepText !== undefined) {
      const maxStep = def.max - def.min;
      step = /^\d+$/.test(stepText) ? Number(stepText) : Number.NaN;
      if (!(step >= 1 && step <= maxStep)) {
        fail(`${def.label} field has an invalid step '${stepText}' in '${item}' (must be a whole number from 1 to ${maxStep})`);
      }
    }
    // The run of values the step walks over, in order.
    const run: number[] = [];
    const pushRange = (from: number, to: number) => {
      for (let v = from; v <= to; v++) run.push(v);
    };
    if (base === '*') {
      pushRange(def.min, def.max);
    } else if (base.includes('-')) {
      const bounds = base.split('-');
      if (bounds.length !== 2 || bounds[0] === '' || bounds[1] === '') {
        fail(`${def.label} field has an invalid range '${base}'`);
      }
      const start = parseValue(bounds[0] ?? '', def);
      const end = parseValue(bounds[1] ?? '', def);
      if (start <= end) {
        pushRange(start, end);
      } else if (dialect === 'quartz') {
        // Quartz ranges wrap around, e.g. FRI-MON or hours 22-2.
        pushRange(start, def.max);
        pushRange(def.min, end);
      } else {
        fail(`${def.label} field range '${base}' runs backwards (start is after end)`);
      }
    } else {
      const start = parseValue(base, def);
      if (stepText === undefined) run.push(start);
      else pushRange(start, def.max); // a/n: from a to the end of the field
    }
    run.forEach((v, i) => {
      if (i % step === 0) values.add(v);
    });
  }
  return [...values].sort((a, b) => a - b);
}

function parseDom(text: string, dialect: CronDialect): DomRule {
  if (text === '*' || text === '?') return { kind: 'any' };
  if (/[LW#]/i.test(text)) {
    if (dialect === 'unix') {
      fail(`day-of-month field '${text}' uses Quartz-only syntax (L, W, #); write a 6- or 7-field Quartz expression to use it`);
    }
    if (/^L$/i.test(text)) return { kind: 'last', offset: 0 };
    if (/^LW$/i.test(text)) return { kind: 'lastWeekday' };
    const lastMinus = /^L-(\d+)$/i.exec(text);
    if (lastMinus) {
      const offset = Number(lastMinus[1]);
      if (offset > 30) fail(`day-of-month field '${text}': the offset after L- must be from 0 to 30`);
      return { kind: 'last', offset };
    }
    const nearest = /^(\d+)W$/i.exec(text);
    if (nearest) return { kind: 'nearestWeekday', day: parseValue(nearest[1] ?? '', DOM) };
    if (text.includes(',')) {
      fail(`day-of-month field '${text}': L and W cannot be combined with other values`);
    }
    fail(`day-of-month field has an invalid value '${text}'`);
  }
  return { kind: 'list', days: parseList(text, DOM, dialect), starPrefixed: text.startsWith('*') };
}

function parseDow(text: string, dialect: CronDialect): DowRule {
  if (text === '*' || text === '?') return { kind: 'any' };
  if (dialect === 'unix') {
    if (/[L#]/i.test(text)) {
      fail(`day-of-week field '${text}' uses Quartz-only syntax (L, #); write a 6- or 7-field Quartz expression to use it`);
    }
    const days = [...new Set(parseList(text, UNIX_DOW, dialect).map((d) => d % 7))].sort((a, b) => a - b);
    return { kind: 'list', days, starPrefixed: text.startsWith('*') };
  }
  const toZeroBased = (quartzDay: number) => quartzDay - 1;
  if (/[L#]/i.test(text)) {
    if (/^L$/i.test(text)) return { kind: 'list', days: [6], starPrefixed: false }; // bare L = Saturday
    const last = /^([a-z]+|\d+)L$/i.exec(text);
    if (last) return { kind: 'last', day: toZeroBased(parseValue(last[1] ?? '', QUARTZ_DOW)) };
    const nth = /^([a-z]+|\d+)#(\d+)$/i.exec(text);
    if (nth) {
      const day = toZeroBased(parseValue(nth[1] ?? '', QUARTZ_DOW));
      const k = Number(nth[2]);
      if (k < 1 || k > 5) fail(`day-of-week field '${text}': the occurrence after # must be from 1 to 5`);
      return { kind: 'nth', day, nth: k };
    }
    if (text.includes(',')) {
      fail(`day-of-week field '${text}': L and # cannot be combined with other values`);
    }
    fail(`day-of-week field has an invalid value '${text}'`);
  }
  const days = parseList(text, QUARTZ_DOW, dialect).map(toZeroBased);
  return { kind: 'list', days, starPrefixed: text.startsWith('*') };
}

const LABELS = ['second', 'minute', 'hour', 'day-of-month', 'month', 'day-of-week', 'year'];

/** Parses and fully validates an expression; throws CronSyntaxError with a one-sentence reason. */
export function compileCron(expression: string): CronSpec {
  if (typeof expression !== 'string') fail('cron expression must be a string');
  const trimmed = expression.trim();
  if (trimmed === '') fail('cron expression is empty');
  if (trimmed.length > MAX_EXPRESSION_LENGTH) fail(`cron expression is too long (over ${MAX_EXPRESSION_LENGTH} characters)`);
  const fields = trimmed.split(/\s+/);
  const n = fields.length;
  if (n < 5 || n > 7) {
    fail(
      `expected 5 fields (Unix: minute hour day-of-month month day-of-week) or 6-7 fields (Quartz: second minute hour day-of-month month day-of-week [year]), but found ${n}`,
    );
  }
  const dialect: CronDialect = n === 5 ? 'unix' : 'quartz';
  // Unix has no seconds field; pad so that indexes line up with the Quartz layout.
  const [sec = '0', min = '', hour = '', dom = '', month = '', dow = '', year] = dialect === 'unix' ? ['0', ...fields] : fields;

  const labelled = dialect === 'unix' ? LABELS.slice(1, 6) : LABELS;
  const offset = dialect === 'unix' ? 1 : 0;
  fields.forEach((text, i) => {
    const label = labelled[i] ?? 'unknown';
    if (!text.includes('?')) return;
    if (i + offset !== 3 && i + offset !== 5) {
      fail(`'?' is only allowed in the day-of-month or day-of-week field, not in the ${label} field`);
    }
    if (text !== '?') fail(`'?' must stand alone in the ${label} field (found '${text}')`);
  });

  if (dialect === 'quartz') {
    if (dom === '?' && dow === '?') {
      fail("'?' cannot be used in both day-of-month and day-of-week; put ? in only one of them");
    }
    if (dom !== '?' && dow !== '?' && dom !== '*' && dow !== '*') {
      fail(
        `day-of-month ('${dom}') and day-of-week ('${dow}') are both restricted; specify day-of-month or day-of-week, and put ? in the other`,
      );
    }
  }

  return {
    dialect,
    fields,
    seconds: parseList(sec, SECOND, dialect),
    minutes: parseList(min, MINUTE, dialect),
    hours: parseList(hour, HOUR, dialect),
    dom: parseDom(dom, dialect),
    months: parseList(month, MONTH, dialect),
    dow: parseDow(dow, dialect),
    years: year === undefined || year === '*' ? null : parseList(year, YEAR, dialect),
  };
}
