'use client';
import Link from 'next/link';
import { useState } from 'react';
import { StatusBadge } from '@/components/ui/badge';
import { Pager } from '@/components/ui/pager';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { formatBytes, formatServerTime } from '@/lib/format/format';
import { useExecutions } from '@/lib/runner/hooks';

/** The runs of one config or task, newest first; each links to its detail. */
export function ExecutionHistory({ taskKey }: { taskKey: string | undefined }) {
  const [page, setPage] = useState(1);
  const runs = useExecutions(taskKey, page);
  if (!taskKey || runs.isPending) return <TableSkeleton label="Loading runs" />;
  if (runs.isError) return <ErrorState title="Could not load the execution history" error={runs.error} onRetry={() => runs.refetch()} />;
  if (runs.data.records.length === 0)
    return <EmptyState title="No runs yet">Runs appear here once the config or task has been triggered.</EmptyState>;
  return (
    <div className="stack">
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">Runs</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
              <th scope="col">Artifacts</th>
              <th scope="col">Bytes</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.records.map((run) => (
              <tr key={run.id}>
                <td>
                  <Link href={`/runs/${encodeURIComponent(run.id)}`} className="mono">
                    {run.id.slice(0, 8)}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>{run.trigger}</td>
                <td>{formatServerTime(run.startTime)}</td>
                <td>{formatServerTime(run.endTime)}</td>
                <td className="num">
                  {run.progress.doneItems}/{run.progress.totalItems}
                  {run.progress.failedItems ? ` (${run.progress.failedItems} failed)` : ''}
                </td>
                <td className="num">{formatBytes(run.progress.doneBytes)}</td>
                <td className="text-danger">{run.errorReason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} totalPages={runs.data.totalPages} onPage={setPage} />
    </div>
  );
}
