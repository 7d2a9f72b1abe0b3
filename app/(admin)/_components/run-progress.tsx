'use client';
import { useEffect, useRef, useState } from 'react';
import { Progress } from '@/components/ui/progress';
import type { ExecutionProgress } from '@/lib/executions/hooks';
import { formatBytes, formatDuration } from '@/lib/format/format';

type Sample = { bytes: number; at: number };

/** Bytes per second over the last polls (the server reports totals, not rates). */
function useThroughput(doneBytes: number, active: boolean): number | null {
  const samples = useRef<Sample[]>([]);
  const [rate, setRate] = useState<number | null>(null);
  useEffect(() => {
    if (!active) {
      samples.current = [];
      setRate(null);
      return;
    }
    const now = Date.now();
    const list = [...samples.current, { bytes: doneBytes, at: now }].filter((s) => now - s.at <= 10_000);
    samples.current = list;
    const first = list[0];
    if (first && list.length > 1 && now > first.at) setRate(Math.max(0, ((doneBytes - first.bytes) * 1000) / (now - first.at)));
  }, [doneBytes, active]);
  return rate;
}

export function RunProgress({
  progress,
  active,
  currentArtifact,
}: {
  progress: ExecutionProgress;
  active: boolean;
  currentArtifact?: string | null;
}) {
  const rate = useThroughput(progress.doneBytes, active);
  const remaining = progress.totalBytes - progress.doneBytes;
  const eta = active && rate && rate > 0 && remaining > 0 ? remaining / rate : null;
  const finishedItems = progress.doneItems + progress.failedItems + progress.skippedItems;
  return (
    <div className="stack" data-testid="run-progress">
      <div className="stack tight">
        <div className="row between">
          <span className="label">Bytes</span>
          <span className="muted">
            {progress.totalBytes >= progress.doneBytes && progress.totalBytes > 0
              ? `${formatBytes(progress.doneBytes)} of ${formatBytes(progress.totalBytes)}`
              : `${formatBytes(progress.doneBytes)} copied`}
          </span>
        </div>
        <Progress value={progress.doneBytes} max={progress.totalBytes} label="Bytes copied" />
      </div>
      <div className="stack tight">
        <div className="row between">
          <span className="label">Artifacts</span>
          <span className="muted" data-testid="item-counts">
            {finishedItems} of {progress.totalItems} · {progress.doneItems} copied · {progress.skippedItems} skipped ·{' '}
            {progress.failedItems} failed
            {progress.conflictItems ? ` · ${progress.conflictItems} conflicts` : ''}
          </span>
        </div>
        <Progress value={finishedItems} max={progress.totalItems} label="Artifacts processed" />
      </div>
      {active ? (
        <div className="row muted">
          <span>Throughput: {rate === null ? 'measuring…' : `${formatBytes(rate)}/s`}</span>
          <span>· ETA: {eta === null ? '—' : formatDuration(eta)}</span>
          {currentArtifact ? <span>· Now copying: {currentArtifact}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
