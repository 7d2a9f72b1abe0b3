import type { ReactNode } from 'react';
import { notFoundOf, refusalOf } from '@/lib/api-client/refusal';
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

/** A page or section the user may not see: what it needs, no retry (retrying changes nothing). */
export function ForbiddenState({ reason, children }: { reason: string; children?: ReactNode }) {
  return (
    <div className="card state forbidden" data-testid="forbidden-state" role="alert">
      <h3>{reason}</h3>
      <div className="state-body">{children ?? 'Ask an administrator or a project admin for the role if you need it.'}</div>
    </div>
  );
}

/** A failed load: a refusal (403) or a missing project (404, also what non-members get) says so; other failures offer a retry. */
export function ErrorState({ error, onRetry, title = 'Could not load this' }: { error: unknown; onRetry?: () => void; title?: string }) {
  const refusal = refusalOf(error);
  if (refusal) return <ForbiddenState reason={refusal} />;
  const missing = notFoundOf(error);
  if (missing)
    return (
      <ForbiddenState reason={missing}>
        It does not exist, or you are not a member of its project. Check the address or ask a project admin.
      </ForbiddenState>
    );
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="card state error" data-testid="error-state">
      <h3>{title}</h3>
      <p className="flush">{message}</p>
      {onRetry ? <Button onClick={onRetry}>Retry</Button> : null}
    </div>
  );
}
