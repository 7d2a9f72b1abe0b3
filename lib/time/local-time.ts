import { z } from 'zod';

// bk-repo serialises Java LocalDateTime: server-zone wall time, no offset, fraction without
// trailing zeros (2022-08-23T10:45:19.79). The process zone (TZ) is the server zone.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatLocalDateTime(date: Date | null | undefined): string | null {
  if (!date) return null;
  const base = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const ms = date.getMilliseconds();
  return ms === 0 ? base : `${base}.${pad(ms, 3).replace(/0+$/, '')}`;
}

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Accepts the local format (server zone) or ISO-8601 with an offset; null when neither. */
export function parseDateTimeInput(text: string): Date | null {
  const value = text.trim();
  if (!LOCAL.test(value) && !OFFSET.test(value)) return null;
  if (!hasValidFields(value)) return null;
  // JS reads milliseconds only; trim extra fraction digits so nanosecond inputs still parse.
  const normalised = value.replace(/(\.\d{3})\d+/, '$1');
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A zod transform for an optional date-time field: empty is absent, else the parsed Date or an issue. */
export function toOptionalDateTime(value: string | null | undefined, ctx: z.RefinementCtx): Date | undefined {
  if (!value) return undefined;
  const date = parseDateTimeInput(value);
  if (date) return date;
  ctx.addIssue({ code: 'custom', message: 'must be a date-time like 2030-01-01T00:00:00' });
  return z.NEVER;
}

// JS Date rolls 2022-02-30 over into March; a user typing it made a mistake, so refuse it.
function hasValidFields(value: string): boolean {
  const [y, mo, d, h, mi, s] = (value.match(/\d+/g) ?? []).map(Number);
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth && h <= 23 && mi <= 59 && (s ?? 0) <= 59;
}
