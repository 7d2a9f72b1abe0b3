import { randomBytes } from 'node:crypto';
import { env } from '../env';
import { currentTrace } from './trace-context';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/**
 * One JSON line per event: time, level, msg, the traceId (and a run's executionId) of the work in
 * progress (trace-context.ts), then the fields. Callers pass no secrets: request bodies and headers
 * are never logged.
 */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (order[level] < order[env().FERRY_LOG_LEVEL]) return;
  // Outside any request or run (start-up, the runner's own loop) a line is its own trace, except a
  // line about one run (e.g. the loop claiming it), which belongs to that run's trace.
  const runId = typeof fields.executionId === 'string' ? fields.executionId : undefined;
  const trace = currentTrace() ?? { traceId: runId ?? randomBytes(8).toString('hex') };
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...trace, ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

/**
 * What an unexpected error may put in the log: its message, stack and database error code, never
 * the query parameters Drizzle appends (they hold encrypted secrets and token hashes).
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const cause = (error as { cause?: unknown }).cause;
  const databaseError = cause && typeof cause === 'object' ? (cause as { code?: unknown; message?: unknown }) : undefined;
  const firstLine = (text: string) => text.split('\nparams:')[0];
  return {
    message: firstLine(error.message),
    stack: error.stack
      ?.split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n'),
    ...(databaseError && { sqlState: databaseError.code, cause: firstLine(String(databaseError.message)) }),
  };
}
