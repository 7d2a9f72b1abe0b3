import type { ReactNode } from 'react';

const tone: Record<string, string> = {
  SUCCESS: 'badge-success',
  HEALTHY: 'badge-success',
  FAILED: 'badge-danger',
  UNHEALTHY: 'badge-danger',
  CANCELLED: 'badge-warn',
  RUNNING: 'badge-running',
  QUEUED: 'badge-running',
  PENDING: '',
  SKIPPED: 'badge-warn',
  UNSUPPORTED: 'badge-warn',
};

export function Badge({ children, tone: explicit }: { children: ReactNode; tone?: 'success' | 'danger' | 'running' | 'warn' }) {
  return <span className={`badge ${explicit ? `badge-${explicit}` : ''}`}>{children}</span>;
}

/**
 * A run or health status with its colour; the text is the status itself (or `label`, a wording of
 * it), so colour is never the only cue.
 */
export function StatusBadge({ status, label }: { status: string | null | undefined; label?: string }) {
  if (!status) return <span className="badge">never run</span>;
  return (
    <span className={`badge ${tone[status] ?? ''}`} data-status={status}>
      {label ?? status}
    </span>
  );
}
