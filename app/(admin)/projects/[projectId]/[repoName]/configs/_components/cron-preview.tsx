'use client';
import { useMemo } from 'react';
import { formatZoned } from '@/lib/format/format';
import { describeCron, nextFireTimes } from '@/lib/schedule/cron';
import { SANITY_FIRES, scheduleSanity } from '@/lib/schedule/schedule-sanity';

/**
 * What a cron expression means, computed in the browser as it is typed: the description and the
 * next five fire times. Schedules run in the server zone, so times are computed there and shown
 * in both zones. With `p95Seconds` (how long the config's past runs took), it also says when runs
 * outlast the interval between fires, so fires would be skipped.
 */
export function CronPreview({
  expression,
  serverZone,
  p95Seconds,
}: {
  expression: string;
  serverZone: string | undefined;
  p95Seconds?: number | null;
}) {
  const preview = useMemo(() => {
    if (!expression.trim()) return null;
    try {
      const ahead = nextFireTimes(expression, { from: new Date(), count: SANITY_FIRES, timeZone: serverZone });
      return { description: describeCron(expression), times: ahead.slice(0, 5), sanity: scheduleSanity(p95Seconds, ahead) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [expression, serverZone, p95Seconds]);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!preview)
    return (
      <p className="muted flush">
        Type an expression, e.g. <code>0 0 2 * * ?</code> (Quartz) or <code>0 2 * * *</code> (Unix).
      </p>
    );
  if ('error' in preview) {
    return (
      <p className="error flush text-danger" data-testid="cron-error">
        {preview.error}
      </p>
    );
  }
  return (
    <div className="card stack subtle" aria-live="polite" data-testid="cron-preview">
      <strong data-testid="cron-description">{preview.description}</strong>
      {preview.sanity ? (
        <p className="flush text-danger" role="status" data-testid="cron-sanity">
          {preview.sanity}
        </p>
      ) : null}
      {preview.times.length === 0 ? (
        <span className="muted">This schedule never fires again.</span>
      ) : (
        <div className="table-wrap borderless">
          <table className="table">
            <caption className="sr-only">Next {preview.times.length} fire times</caption>
            <thead>
              <tr>
                <th scope="col">Your time ({browserZone})</th>
                <th scope="col">Server time ({serverZone ?? 'loading…'})</th>
              </tr>
            </thead>
            <tbody>
              {preview.times.map((time) => (
                <tr key={time.getTime()} data-testid="cron-fire-time">
                  <td>{formatZoned(time)}</td>
                  <td>{formatZoned(time, serverZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
