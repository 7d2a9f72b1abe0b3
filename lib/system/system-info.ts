import { FERRY_VERSION } from '../version';

export type SystemInfo = { timeZone: string; version: string };

/** The server zone (TZ) is the zone of every time in the API and of cron schedules. */
export function getSystemInfo(): SystemInfo {
  return { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, version: FERRY_VERSION };
}
