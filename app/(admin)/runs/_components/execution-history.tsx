'use client';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/badge';
import { FilterSelect } from '@/components/ui/list-filters';
import { PageNav } from '@/components/ui/pager';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState, TableSkeleton } from '@/components/ui/states';
import { DataTable, NoMatchRow } from '@/components/ui/table';
import { useExecutions } from '@/lib/executions/hooks';
import { formatBytes, formatServerTime } from '@/lib/format/format';
import { useListParams } from '@/lib/paging/use-list-params';

const STATUS_OPTIONS = {
  all: 'Any status',
  'QUEUED,RUNNING': 'Queued or running',
  SUCCESS: 'Succeeded',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
  SKIPPED: 'Skipped',
};

/** The runs of one config or task, newest first; each links to its detail. */
export function ExecutionHistory({ taskKey }: { taskKey: string | undefined }) {
  const list = useListParams({ status: 'all' });
  const runs = useExecutions(taskKey, list.pageNumber, { status: list.filters.status === 'all' ? undefined : list.filters.status });
  if (!taskKey) return <TableSkeleton label="Loading runs" />;
  return (
    <QueryView
      query={runs}
      loading="Loading runs"
      errorTitle="Could not load the execution history"
      empty={<EmptyState title="No runs yet">Runs appear here once the config or task has been triggered.</EmptyState>}
      isEmpty={(page) => page.totalRecords === 0 && !list.filtered}
    >
      {(page) => (
        <div className="stack">
          <div className="row">
            <FilterSelect list={list} field="status" label="Run status" options={STATUS_OPTIONS} />
          </div>
          <DataTable caption="Runs" columns={['Run', 'Status', 'Trigger', 'Started', 'Ended', 'Artifacts', 'Bytes', 'Error']}>
            {page.records.length === 0 ? <NoMatchRow columns={8}>No run matches the filter.</NoMatchRow> : null}
            {page.records.map((run) => (
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
          <PageNav page={page} onPage={list.setPage} noun="run" />
        </div>
      )}
    </QueryView>
  );
}
