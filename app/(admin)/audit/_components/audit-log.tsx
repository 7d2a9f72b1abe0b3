'use client';
import { useState } from 'react';
import { ErrorState, ForbiddenState, TableSkeleton } from '@/components/ui/states';
import type { AuditFilters } from '@/lib/audit/hooks';
import { useRights } from '@/lib/users/hooks';
import { auditableProjects } from '@/lib/users/rights';
import { AuditFilterForm } from './audit-filter-form';
import { AuditTable } from './audit-table';

/** Administrators read every row; project admins only their projects' rows, one project at a time (the API requires projectId). */
export function AuditLog() {
  const rights = useRights();
  const [filters, setFilters] = useState<AuditFilters | null>(null);
  if (rights.isPending) return <TableSkeleton label="Checking your rights" />;
  if (rights.isError) return <ErrorState error={rights.error} onRetry={() => rights.refetch()} />;
  const scope = auditableProjects(rights.data);
  if (scope !== 'ALL' && scope.length === 0) {
    return <ForbiddenState reason="You need PROJECT_ADMIN on a project, or to be an administrator, to read the audit log." />;
  }
  // A project admin starts on its first project: the API answers nothing without one.
  const shown = filters ?? (scope === 'ALL' ? {} : { projectId: scope[0] });
  return (
    <div className="stack">
      <AuditFilterForm projects={scope} initial={shown} onApply={setFilters} />
      <AuditTable filters={shown} />
    </div>
  );
}
