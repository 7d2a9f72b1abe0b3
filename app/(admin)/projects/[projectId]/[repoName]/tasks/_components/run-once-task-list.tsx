'use client';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { DeleteAction } from '@/components/ui/delete-action';
import { FilterInput, FilterSelect } from '@/components/ui/list-filters';
import { PageNav } from '@/components/ui/pager';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { ACTIONS, ActionsCell, DataTable, NoMatchRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { useClusters } from '@/lib/clusters/hooks';
import { describeTarget } from '@/lib/distribution/describe';
import { useDeleteRunOnceTask, useExecuteRunOnceTask, useRunOnceTaskPage } from '@/lib/distribution/hooks';
import { formatBytes, formatServerTime } from '@/lib/format/format';
import { useListParams } from '@/lib/paging/use-list-params';
import { usePermission } from '@/lib/users/hooks';
import { PlanPreviewButton } from '../../_components/plan-preview';
import { describeTaskContent, TASK_DELETE_NOTE } from './describe-task';

/** The newest run's statuses each status filter shows (the list speaks bk-repo's RUNNING|SUCCESS|FAILED). */
const STATUS_FILTERS: Record<string, string | undefined> = {
  all: undefined,
  RUNNING: 'QUEUED,RUNNING',
  SUCCESS: 'SUCCESS',
  FAILED: 'FAILED,CANCELLED',
};

const STATUS_OPTIONS = { all: 'Any status', RUNNING: 'Running', SUCCESS: 'Succeeded', FAILED: 'Failed' };

/** A repository's run-once tasks, a page at a time, filtered by the server. */
export function RunOnceTaskList({ projectId, repoName }: { projectId: string; repoName: string }) {
  const list = useListParams({ name: '', status: 'all' });
  const tasks = useRunOnceTaskPage(projectId, repoName, {
    pageNumber: list.pageNumber,
    pageSize: list.pageSize,
    name: list.filters.name.trim(),
    lastStatus: STATUS_FILTERS[list.filters.status],
  });
  const clusters = useClusters();
  const execute = useExecuteRunOnceTask(projectId, repoName);
  const remove = useDeleteRunOnceTask(projectId, repoName);
  const maintain = usePermission(projectId, 'MAINTAINER');
  const base = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/tasks`;
  const newButton = (
    <ButtonLink href={`${base}/new`} variant="primary" disabledReason={maintain.reason}>
      New run-once task
    </ButtonLink>
  );
  const empty = (
    <EmptyState title="No run-once tasks" action={newButton}>
      A run-once task copies chosen images (optionally under new tags) or paths once, when you execute it — for a release push rather than
      an ongoing sync.
    </EmptyState>
  );
  return (
    <QueryView query={tasks} loading="Loading run-once tasks" empty={empty} isEmpty={(page) => page.totalRecords === 0 && !list.filtered}>
      {(page) => (
        <div className="stack">
          <div className="row between">
            <div className="row">
              <FilterInput list={list} field="name" id="task-filter" label="Filter tasks" placeholder="Filter by name" />
              <FilterSelect list={list} field="status" label="Status" options={STATUS_OPTIONS} />
            </div>
            {newButton}
          </div>
          <DataTable caption={`Run-once tasks of ${repoName}`} columns={['Name', 'Copies', 'Target', 'Status', 'Progress', ACTIONS]}>
            {page.records.length === 0 ? <NoMatchRow columns={6}>No task matches the filter.</NoMatchRow> : null}
            {page.records.map((task) => {
              const running = task.status?.status === 'RUNNING';
              return (
                <tr key={task.name} data-testid={`task-row-${task.name}`}>
                  <td>
                    <Link href={`${base}/${encodeURIComponent(task.name)}`}>{task.name}</Link>
                  </td>
                  <td>{describeTaskContent(task)}</td>
                  <td>{describeTarget(task, clusters.data?.find((c) => c.id === task.clusterId)?.name)}</td>
                  <td>
                    <StatusBadge status={task.status?.status} />
                    <div className="muted text-xs">{formatServerTime(task.status?.startTime)}</div>
                  </td>
                  <td>
                    {task.status
                      ? `${task.status.progress.doneItems}/${task.status.progress.totalItems} · ${formatBytes(task.status.progress.doneBytes)}`
                      : '—'}
                  </td>
                  <ActionsCell>
                    <Button
                      size="sm"
                      disabled={running || execute.isPending}
                      disabledReason={maintain.reason}
                      onClick={() =>
                        execute.mutate(task.name, {
                          onSuccess: () => toast(`${task.name} started`),
                          onError: (error) => toast(error.message, 'error'),
                        })
                      }
                    >
                      Execute
                    </Button>
                    <PlanPreviewButton
                      projectId={projectId}
                      repoName={repoName}
                      size="sm"
                      ariaLabel={`Preview ${task.name}`}
                      subject={() => ({ name: task.name, kind: 'RUN_ONCE' })}
                      disabledReason={maintain.reason}
                    />
                    <ButtonLink href={`${base}/${encodeURIComponent(task.name)}`} size="sm">
                      Status
                    </ButtonLink>
                    <DeleteAction
                      what="task"
                      name={task.name}
                      label={`Delete ${task.name}`}
                      title={`Delete run-once task ${task.name}?`}
                      description={TASK_DELETE_NOTE}
                      run={() => remove.mutateAsync(task.name)}
                      disabled={running}
                      disabledReason={maintain.reason}
                    />
                  </ActionsCell>
                </tr>
              );
            })}
          </DataTable>
          <PageNav page={page} onPage={list.setPage} noun="task" />
        </div>
      )}
    </QueryView>
  );
}
