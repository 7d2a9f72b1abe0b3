'use client';
import { useState } from 'react';
import { StatusBadge } from '@/components/ui/badge';
import { Pager } from '@/components/ui/pager';
import { Select } from '@/components/ui/select';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { formatBytes, formatServerTime, shortDigest } from '@/lib/format/format';
import { useExecutionDetails } from '@/lib/runner/hooks';

/** Per-artifact rows of one run, filterable by status, refreshed every second while the run is live. */
export function ArtifactTable({ executionId, live }: { executionId: string | undefined; live: boolean }) {
  const [status, setStatus] = useState('ALL');
  const [page, setPage] = useState(1);
  const details = useExecutionDetails(executionId, { status: status === 'ALL' ? undefined : status, page, live });
  return (
    <section className="stack" aria-labelledby="artifacts-heading">
      <div className="row between">
        <h2 className="flush" id="artifacts-heading">
          Artifacts
        </h2>
        <div className="filter-select">
          <Select
            aria-label="Show artifacts"
            value={status}
            onValueChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            options={[
              { value: 'ALL', label: 'All artifacts' },
              { value: 'FAILED', label: 'Failed only' },
              { value: 'RUNNING', label: 'Running' },
              { value: 'SUCCESS', label: 'Copied' },
              { value: 'SKIPPED', label: 'Skipped' },
              { value: 'PENDING', label: 'Pending' },
              { value: 'CANCELLED', label: 'Cancelled' },
            ]}
          />
        </div>
      </div>
      {!executionId ? (
        <EmptyState title="No run yet" />
      ) : details.isPending ? (
        <TableSkeleton label="Loading artifacts" />
      ) : details.isError ? (
        <ErrorState title="Per-artifact details are unavailable" error={details.error} onRetry={() => details.refetch()} />
      ) : details.data.records.length === 0 ? (
        <EmptyState title={status === 'ALL' ? 'No artifacts in this run yet' : 'No artifact with this status'} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Artifacts of the run</caption>
              <thead>
                <tr>
                  <th scope="col">Artifact</th>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Size</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Digest</th>
                  <th scope="col">Ended</th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {details.data.records.map((row) => (
                  <tr key={row.id} data-testid="artifact-row">
                    <td>{row.artifactName}</td>
                    <td>
                      {row.version
                        ? `${row.version}${row.targetVersion && row.targetVersion !== row.version ? ` → ${row.targetVersion}` : ''}`
                        : '—'}
                    </td>
                    <td>
                      <StatusBadge status={row.status} />
                    </td>
                    <td className="num">{formatBytes(row.size)}</td>
                    <td className="num">{row.size ? `${Math.round((row.bytesDone / row.size) * 100)}%` : '—'}</td>
                    <td className="mono">{shortDigest(row.digest)}</td>
                    <td>{formatServerTime(row.endTime)}</td>
                    <td className="text-danger">{row.errorReason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} totalPages={details.data.totalPages} onPage={setPage} />
        </>
      )}
    </section>
  );
}
