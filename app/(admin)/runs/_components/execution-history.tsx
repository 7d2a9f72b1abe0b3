'use client';
import Link from 'next/link';
import { useState } from 'react';
import { StatusBadge } from '@/components/ui/badge';
import { Pager } from '@/components/ui/pager';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState, TableSkeleton } from '@/components/ui/states';
import { DataTable } from '@/components/ui/table';
import { useExecutions } from '@/lib/executions/hooks';
import { formatBytes, formatServerTime } from '@/lib/format/format';

/** The runs of one config or task, newest first; each links to its detail. */
export function ExecutionHistory({ taskKey }: { taskKey: string | undefined }) {
  const [page, setPage] = useState(1);
  const runs = useExecutions(taskKey, page);
  if (!taskKey) return <TableSkeleton label="Loading runs" />;
  return (
    <QueryView
      query={runs}
      loading="Loading runs"
      errorTitle="Could not load the execution history"
      empty={<EmptyState title="No runs yet">Runs appear here once the config or task has been triggered.</EmptyState>}
    >
      {(list) => (
        <div className="stack">
          <DataTable caption="Runs" columns={['Run', 'Status', 'Trigger', 'Started', 'Ended', 'Artifacts', 'Bytes', 'Error']}>
            {list.records.map((run) => (
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
          </DataTable>
          <Pager page={page} totalPages={list.totalPages} onPage={setPage} />
        </div>
      )}
    </QueryView>
  );
}
