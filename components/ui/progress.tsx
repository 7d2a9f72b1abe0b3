'use client';
import * as ProgressPrimitive from '@radix-ui/react-progress';
import type { CSSProperties } from 'react';

/** value and max as numbers; an unknown total (max 0) shows an empty bar. */
export function Progress({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <ProgressPrimitive.Root className="progress" value={max > 0 ? Math.min(value, max) : null} max={max > 0 ? max : 100} aria-label={label}>
      <ProgressPrimitive.Indicator className="progress-indicator" style={{ '--progress': `${percent}%` } as CSSProperties} />
    </ProgressPrimitive.Root>
  );
}
