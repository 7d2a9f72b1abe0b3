'use client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { DataTable } from '@/components/ui/table';
import { type AuditFilters, useAuditLog } from '@/lib/audit/hooks';
import type { AuditOutcome, AuditRecord } from '@/lib/audit/schemas';
import { formatServerTime } from '@/lib/format/format';

const TONE: Record<AuditOutcome, 'success' | 'danger' | 'warn'> = { OK: 'success', DENIED: 'danger', FAILED: 'warn' };

/** "name: a → b, password: ***": the detail as one short line (it never holds a secret). */
function describeDetail(detail: AuditRecord['detail']): string {
  const entries = Object.entries(detail ?? {});
  if (entries.length === 0) return '—';
  return entries.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ');
}

export function AuditTable({ filters }: { filters: AuditFilters }) {
  const log = useAuditLog(filters);
  const pages = { ...log, data: log.data ? log.data.pages.flatMap((p) => p.records) : undefined };
  return (
    <QueryView
      query={pages}
      loading="Loading the audit log"
      empty={<EmptyState title="No audit rows match">Change or clear the filters.</EmptyState>}
    >
      {(rows) => (
        <div className="stack">
          <DataTable
            caption="Audit log, newest first"
            columns={['Time', 'User', 'Action', 'Project', 'Resource', 'Outcome', 'Detail', 'From']}
          >
            {rows.map((row) => (
              <tr key={row.id} data-testid="audit-row" data-outcome={row.outcome} data-action={row.action}>
                <td className="nowrap">{formatServerTime(row.time)}</td>
                <td className="mono">{row.userId ?? 'anonymous'}</td>
                <td className="mono">{row.action}</td>
                <td>{row.projectId ? [row.projectId, row.repoName].filter(Boolean).join(' / ') : '—'}</td>
                <td className="mono break-all">{row.resource}</td>
                <td>
                  <Badge tone={TONE[row.outcome]}>{row.outcome}</Badge>
                </td>
                <td className="audit-detail" title={`trace ${row.traceId}`}>
                  {describeDetail(row.detail)}
                </td>
                <td className="mono text-xs">{row.address}</td>
              </tr>
            ))}
          </DataTable>
          {log.hasNextPage ? (
            <div className="row">
              <Button onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
                {log.isFetchingNextPage ? 'Loading…' : 'Load older rows'}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </QueryView>
  );
}
