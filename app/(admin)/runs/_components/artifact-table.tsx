'use client';
import { useState } from 'react';
import { StatusBadge } from '@/components/ui/badge';
import { Pager } from '@/components/ui/pager';
import { QueryView } from '@/components/ui/query-view';
import { Select } from '@/components/ui/select';
import { EmptyState } from '@/components/ui/states';
import { DataTable } from '@/components/ui/table';
import { type ExecutionDetail, useExecutionDetails } from '@/lib/executions/hooks';
import { formatBytes, formatServerTime, shortDigest } from '@/lib/format/format';
import { referrerKind } from '@/lib/oci/referrer-tags';

/** A replicated deletion's outcome in words; copies show their status as it is. */
function statusLabel(row: Pick<ExecutionDetail, 'operation' | 'status'>): string | undefined {
  if (row.status === 'UNSUPPORTED') return 'Unsupported by target';
  if (row.operation !== 'DELETE') return undefined;
  if (row.status === 'SUCCESS') return 'Deleted at target';
  if (row.status === 'PENDING' || row.status === 'RUNNING') return `Delete ${row.status.toLowerCase()}`;
  return undefined;
}

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
              { value: 'UNSUPPORTED', label: 'Unsupported by target' },
            ]}
          />
        </div>
      </div>
      {!executionId ? (
        <EmptyState title="No run yet" />
      ) : (
        <QueryView
          query={details}
          loading="Loading artifacts"
          errorTitle="Per-artifact details are unavailable"
          empty={<EmptyState title={status === 'ALL' ? 'No artifacts in this run yet' : 'No artifact with this status'} />}
        >
          {(rows) => (
            <>
              <DataTable
                caption="Artifacts of the run"
                columns={['Artifact', 'Version', 'Status', 'Size', 'Progress', 'Digest', 'Ended', 'Error']}
              >
                {rows.records.map((row) => (
                  <tr key={row.id} data-testid="artifact-row" data-subject={row.subjectDigest ?? undefined}>
                    {row.subjectDigest ? (
                      <td className="referrer-cell" title={`refers to ${row.subjectDigest}`}>
                        <span aria-hidden="true">↳ </span>
                        {referrerKind(row.artifactType)} of {shortDigest(row.subjectDigest)}
                        {row.artifactType ? <span className="muted mono"> {row.artifactType}</span> : null}
                      </td>
                    ) : (
                      <td>
                        {row.artifactName}
                        {row.operation === 'DELETE' ? <span className="muted"> (deletion)</span> : null}
                      </td>
                    )}
                    <td title={row.version ?? undefined}>
                      {row.subjectDigest && row.version
                        ? shortReferrerTag(row.version)
                        : row.version
                          ? `${row.version}${row.targetVersion && row.targetVersion !== row.version ? ` → ${row.targetVersion}` : ''}`
                          : '—'}
                    </td>
                    <td>
                      <StatusBadge status={row.status} label={statusLabel(row)} />
                    </td>
                    <td className="num">{formatBytes(row.size)}</td>
                    <td className="num">{row.size ? `${Math.round((row.bytesDone / row.size) * 100)}%` : '—'}</td>
                    <td className="mono">{shortDigest(row.digest)}</td>
                    <td>{formatServerTime(row.endTime)}</td>
                    <td className="text-danger">{row.errorReason ?? ''}</td>
                  </tr>
                ))}
              </DataTable>
              <Pager page={page} totalPages={rows.totalPages} onPage={setPage} />
            </>
          )}
        </QueryView>
      )}
    </section>
  );
}

/** `sha256-<64 hex>.sig` is too wide for a table cell: its hex shortened as digests are elsewhere. */
function shortReferrerTag(tag: string): string {
  const match = /^sha256-([0-9a-f]{64})(\..*)$/.exec(tag);
  return match ? `sha256-${match[1]?.slice(0, 12)}…${match[2]}` : tag;
}
