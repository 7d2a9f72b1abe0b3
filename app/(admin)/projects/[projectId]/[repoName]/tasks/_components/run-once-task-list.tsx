'use client';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { DeleteAction } from '@/components/ui/delete-action';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { ACTIONS, ActionsCell, DataTable } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { useClusters } from '@/lib/clusters/hooks';
import { describeTarget } from '@/lib/distribution/describe';
import { useDeleteRunOnceTask, useExecuteRunOnceTask, useRunOnceTasks } from '@/lib/distribution/hooks';
import { formatBytes, formatServerTime } from '@/lib/format/format';
import { usePermission } from '@/lib/users/hooks';
import { describeTaskContent, TASK_DELETE_NOTE } from './describe-task';

export function RunOnceTaskList({ projectId, repoName }: { projectId: string; repoName: string }) {
  const tasks = useRunOnceTasks(projectId, repoName, { poll: true });
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
    <QueryView query={tasks} loading="Loading run-once tasks" empty={empty}>
      {(list) => (
        <div className="stack">
          <div className="row end">{newButton}</div>
          <DataTable caption={`Run-once tasks of ${repoName}`} columns={['Name', 'Copies', 'Target', 'Status', 'Progress', ACTIONS]}>
            {list.map((task) => {
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
        </div>
      )}
    </QueryView>
  );
}
