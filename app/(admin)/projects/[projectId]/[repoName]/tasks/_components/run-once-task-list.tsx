'use client';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { toast } from '@/components/ui/toast';
import { useClusters } from '@/lib/clusters/hooks';
import { describeTarget } from '@/lib/distribution/describe';
import { useDeleteRunOnceTask, useExecuteRunOnceTask, useRunOnceTasks } from '@/lib/distribution/hooks';
import { formatBytes, formatServerTime } from '@/lib/format/format';
import { describeTaskContent } from './describe-task';

export function RunOnceTaskList({ projectId, repoName }: { projectId: string; repoName: string }) {
  const tasks = useRunOnceTasks(projectId, repoName, { poll: true });
  const clusters = useClusters();
  const execute = useExecuteRunOnceTask(projectId, repoName);
  const remove = useDeleteRunOnceTask(projectId, repoName);
  const base = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/tasks`;
  const newButton = (
    <Button asChild variant="primary">
      <Link href={`${base}/new`}>New run-once task</Link>
    </Button>
  );
  if (tasks.isPending) return <TableSkeleton label="Loading run-once tasks" />;
  if (tasks.isError) return <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />;
  if (tasks.data.length === 0) {
    return (
      <EmptyState title="No run-once tasks" action={newButton}>
        A run-once task copies chosen images (optionally under new tags) or paths once, when you execute it — for a release push rather than
        an ongoing sync.
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <div className="row end">{newButton}</div>
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">Run-once tasks of {repoName}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Copies</th>
              <th scope="col">Target</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tasks.data.map((task) => {
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
                  <td>
                    <div className="row actions">
                      <Button
                        size="sm"
                        disabled={running || execute.isPending}
                        onClick={() =>
                          execute.mutate(task.name, {
                            onSuccess: () => toast(`${task.name} started`),
                            onError: (error) => toast(error.message, 'error'),
                          })
                        }
                      >
                        Execute
                      </Button>
                      <Button asChild size="sm">
                        <Link href={`${base}/${encodeURIComponent(task.name)}`}>Status</Link>
                      </Button>
                      <ConfirmDialog
                        trigger={
                          <Button size="sm" variant="ghost" disabled={running} aria-label={`Delete ${task.name}`}>
                            Delete
                          </Button>
                        }
                        title={`Delete run-once task ${task.name}?`}
                        description="Its definition is deleted; its run history is kept."
                        confirmLabel="Delete task"
                        onConfirm={() =>
                          remove.mutateAsync(task.name).then(
                            () => toast(`Task ${task.name} deleted`),
                            (error: Error) => toast(error.message, 'error'),
                          )
                        }
                      />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
