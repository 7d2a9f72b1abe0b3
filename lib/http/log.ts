import { env } from '../env';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** One JSON line per event. Callers pass no secrets: request bodies and headers are never logged. */
export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (order[level] < order[env().FERRY_LOG_LEVEL]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}
