'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { StatusBadge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DeleteAction } from '@/components/ui/delete-action';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { toast } from '@/components/ui/toast';
import { useClusters } from '@/lib/clusters/hooks';
import { describeTarget } from '@/lib/distribution/describe';
import { useDeleteRunOnceTask, useExecuteRunOnceTask, useRunOnceStatus, useRunOnceTask } from '@/lib/distribution/hooks';
import { useCurrentArtifact } from '@/lib/executions/hooks';
import { formatServerTime } from '@/lib/format/format';
import { usePermission } from '@/lib/users/hooks';
import { RunProgress } from '../../../../../_components/run-progress';
import { ArtifactTable } from '../../../../../runs/_components/artifact-table';
import { ExecutionHistory } from '../../../../../runs/_components/execution-history';
import { NotificationsSection } from '../../_components/notifications-section';
import { describeTaskContent, TASK_DELETE_NOTE } from './describe-task';

/** The task and its latest run, refreshed every second while it runs and no longer once it ends. */
export function RunOnceTaskStatus({ projectId, repoName, name }: { projectId: string; repoName: string; name: string }) {
  const router = useRouter();
  const tasks = useRunOnceTask(projectId, repoName, name);
  const status = useRunOnceStatus(projectId, repoName, name);
  const clusters = useClusters();
  const execute = useExecuteRunOnceTask(projectId, repoName);
  const remove = useDeleteRunOnceTask(projectId, repoName);
  const maintain = usePermission(projectId, 'MAINTAINER');
  const task = tasks.data;
  const currentArtifact = useCurrentArtifact(status.data?.id, status.data?.status === 'RUNNING');
  const base = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/tasks`;
  if (tasks.isPending || status.isPending) return <TableSkeleton label="Loading task" />;
  if (tasks.isError) return <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => status.refetch()} />;
  if (!task) return <EmptyState title={`No run-once task named ${name}`}>It may have been deleted.</EmptyState>;
  const run = status.data;
  const running = run?.status === 'RUNNING';
  return (
    <div className="stack">
      <div className="card stack">
        <div className="row between">
          <div className="stack tighter">
            <h2 className="flush">{task.name}</h2>
            <span className="muted">
              {describeTaskContent(task)} → {describeTarget(task, clusters.data?.find((c) => c.id === task.clusterId)?.name)}
            </span>
          </div>
          <div className="row">
            <Button
              variant="primary"
              disabled={running || execute.isPending}
              disabledReason={maintain.reason}
              onClick={() =>
                execute.mutate(name, {
                  onSuccess: () => {
                    toast(`${name} started`);
                    status.refetch();
                  },
                  onError: (error) => toast(error.message, 'error'),
                })
              }
            >
              {run ? 'Execute again' : 'Execute'}
            </Button>
            <DeleteAction
              what="task"
              name={name}
              label="Delete"
              title={`Delete run-once task ${name}?`}
              description={TASK_DELETE_NOTE}
              run={() => remove.mutateAsync(name)}
              onDone={() => router.push(base)}
              disabled={running}
              disabledReason={maintain.reason}
              size="md"
            />
          </div>
        </div>
        {run ? (
          <section className="stack" aria-label="Latest run" aria-live="polite">
            <div className="row">
              <span data-testid="run-status">
                <StatusBadge status={run.status} />
              </span>
              <span className="muted">
                started {formatServerTime(run.startTime)}
                {run.endTime ? ` · ended ${formatServerTime(run.endTime)}` : running ? ' · updating every second' : ''}
              </span>
              <Link href={`/runs/${encodeURIComponent(run.id)}`}>Run detail</Link>
            </div>
            {run.errorReason ? <div className="notice">{run.errorReason}</div> : null}
            <RunProgress progress={run.progress} active={running} currentArtifact={currentArtifact} />
          </section>
        ) : (
          <p className="muted flush">Not executed yet. Execute it to copy now.</p>
        )}
      </div>
      {run ? <ArtifactTable executionId={run.id} live={running} /> : null}
      <section className="stack" aria-labelledby="history-heading">
        <h2 className="flush" id="history-heading">
          Execution history
        </h2>
        <ExecutionHistory taskKey={task.taskKey} />
      </section>
      <NotificationsSection owner={{ kind: 'runOnceTask', projectId, repoName, name }} />
    </div>
  );
}
