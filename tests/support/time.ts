/** The next HH:00:00 wall time strictly after `now` in a fixed-offset zone. */
export function nextDailyAt(hour: number, now: Date, offsetHours: number): string {
  const shifted = new Date(now.getTime() + offsetHours * 3_600_000);
  const candidate = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate(), hour));
  if (candidate.getTime() <= shifted.getTime()) candidate.setUTCDate(candidate.getUTCDate() + 1);
  return candidate.toISOString().slice(0, 19);
}
