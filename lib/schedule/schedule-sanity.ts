import { formatRoughDuration } from '../format/format';

/** Fire times the check looks ahead over: enough to see an irregular schedule's pattern. */
export const SANITY_FIRES = 60;

/**
 * Whether runs as long as `p95Seconds` fit the schedule whose next fire times are `fires`: null
 * when they do, else the warning in words. A fire that finds the previous run still going is
 * skipped (lib/runner/fire-due-configs.ts), so each run lasting past k fires costs the next ones.
 * Regular schedules say the steady ratio ("2 of 3 fires"); irregular ones count over `fires`.
 */
export function scheduleSanity(p95Seconds: number | null | undefined, fires: Date[]): string | null {
  if (!p95Seconds || p95Seconds <= 0 || fires.length < 2) return null;
  const intervals = fires.slice(1).map((fire, index) => (fire.getTime() - (fires[index]?.getTime() ?? 0)) / 1000);
  const shortest = Math.min(...intervals);
  if (p95Seconds <= shortest) return null;
  const runs = `runs take ~${formatRoughDuration(p95Seconds)}`;
  const regular = intervals.every((interval) => interval === shortest);
  if (regular) {
    // One run spans `covered` fires: its own, and the ones it makes skip.
    const covered = Math.ceil(p95Seconds / shortest - 1e-9);
    return `${runs}; this schedule fires every ${formatRoughDuration(shortest)} — ${covered - 1} of ${covered} fires would be skipped`;
  }
  const skipped = skippedFires(p95Seconds, fires);
  return `${runs}; this schedule fires as often as every ${formatRoughDuration(shortest)} — ${skipped} of the next ${fires.length} fires would be skipped`;
}

/** Simulates the runner over the fire times: a fire while a run lasts is skipped. */
function skippedFires(p95Seconds: number, fires: Date[]): number {
  let busyUntil = Number.NEGATIVE_INFINITY;
  let skipped = 0;
  for (const fire of fires) {
    if (fire.getTime() < busyUntil) {
      skipped += 1;
      continue;
    }
    busyUntil = fire.getTime() + p95Seconds * 1000;
  }
  return skipped;
}
