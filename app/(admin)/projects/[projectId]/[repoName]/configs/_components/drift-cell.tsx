'use client';
import { Badge } from '@/components/ui/badge';
import type { DriftCheckInfo } from '@/lib/drift/hooks';
import { formatServerTime } from '@/lib/format/format';

/** A config's drift in the configs list: "N out of sync", "in sync" or "never checked", with the time of the check. */
export function DriftCell({ check }: { check: DriftCheckInfo | undefined }) {
  if (!check) return <span className="muted text-xs">never checked</span>;
  const label =
    check.status === 'RUNNING'
      ? 'checking…'
      : check.status === 'FAILED'
        ? 'check failed'
        : check.outOfSync > 0
          ? `${check.outOfSync} out of sync`
          : 'in sync';
  const tone = check.status === 'FAILED' || check.outOfSync > 0 ? 'danger' : check.status === 'RUNNING' ? 'running' : 'success';
  return (
    <div data-testid="drift-cell">
      <Badge tone={tone}>{label}</Badge>
      {check.status === 'PARTIAL' ? <span className="muted text-xs"> (partial)</span> : null}
      <div className="muted nowrap text-xs">{formatServerTime(check.endTime ?? check.startTime)}</div>
    </div>
  );
}
