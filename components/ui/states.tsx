import type { ReactNode } from 'react';
import { Button } from './button';

/** Placeholder rows while a table loads; announced once as "Loading". */
export function TableSkeleton({ rows = 4, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <div className="card stack" role="status" aria-label={label} aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div key={i} className="skeleton skeleton-row" aria-hidden />
      ))}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="card state" data-testid="empty-state">
      <h3>{title}</h3>
      {children ? <div className="state-body">{children}</div> : null}
      {action}
    </div>
  );
}

export function ErrorState({ error, onRetry, title = 'Could not load this' }: { error: unknown; onRetry?: () => void; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="card state error" data-testid="error-state">
      <h3>{title}</h3>
      <p className="flush">{message}</p>
      {onRetry ? <Button onClick={onRetry}>Retry</Button> : null}
    </div>
  );
}
