'use client';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/badge';
import { Progress } from '@/components/ui/progress';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { describeTrigger } from '@/lib/distribution/describe';
import { useAllDistributions } from '@/lib/distribution/hooks';
import { formatBytes, formatServerTime } from '@/lib/format/format';

const repoPath = (item: { projectId: string; repoName: string }) =>
  `/projects/${encodeURIComponent(item.projectId)}/${encodeURIComponent(item.repoName)}`;

export function Overview() {
  const data = useAllDistributions();
  if (data.isPending) return <TableSkeleton label="Loading overview" rows={6} />;
  if (data.error) return <ErrorState error={data.error} onRetry={data.refetch} />;
  const { configs, tasks } = data;
  if (data.repoCount === 0) {
    return (
      <EmptyState
        title="Nothing to distribute yet"
        action={
          <Link className="btn btn-primary" href="/projects">
            Go to projects
          </Link>
        }
      >
        Create a project and a repository, then add distribution configs to copy its artifacts to registries or other Ferry clusters.
      </EmptyState>
    );
  }
  const counts = {
    total: configs.length,
    enabled: configs.filter((c) => c.enable).length,
    disabled: configs.filter((c) => !c.enable).length,
    realTime: configs.filter((c) => c.replicaType === 'REAL_TIME').length,
    scheduled: configs.filter((c) => c.replicaType === 'SCHEDULED').length,
    failing: configs.filter((c) => c.lastExecution?.status === 'FAILED').length,
  };
  const runningTasks = tasks.filter((t) => t.status?.status === 'RUNNING');
  const runningConfigs = configs.filter((c) => c.lastExecution?.status === 'RUNNING' || c.lastExecution?.status === 'QUEUED');
  const failures = [
    ...configs.filter((c) => c.lastExecution?.status === 'FAILED').map((c) => ({ kind: 'config', item: c, run: c.lastExecution })),
    ...tasks.filter((t) => t.status?.status === 'FAILED').map((t) => ({ kind: 'task', item: t, run: t.lastExecution })),
  ]
    .sort((a, b) => (b.run?.endTime ?? '').localeCompare(a.run?.endTime ?? ''))
    .slice(0, 10);
  const upcoming = configs
    .filter((c) => c.enable && c.nextFireTime)
    .sort((a, b) => (a.nextFireTime ?? '').localeCompare(b.nextFireTime ?? ''))
    .slice(0, 10);
  return (
    <div className="stack">
      <section className="grid" aria-label="Configs by state">
        {[
          ['Configs', counts.total],
          ['Enabled', counts.enabled],
          ['Disabled', counts.disabled],
          ['Real-time', counts.realTime],
          ['Scheduled', counts.scheduled],
          ['Last run failed', counts.failing],
        ].map(([label, value]) => (
          <div key={label} className="card">
            <div className="muted">{label}</div>
            <div className="stat">{value}</div>
          </div>
        ))}
      </section>
      <section className="card stack" aria-labelledby="running-heading">
        <h2 id="running-heading">Runs in progress</h2>
        {runningTasks.length + runningConfigs.length === 0 ? <p className="muted flush">Nothing is running.</p> : null}
        {runningTasks.map((task) => (
          <div key={task.taskKey} className="stack tight">
            <div className="row between">
              <Link href={`${repoPath(task)}/tasks/${encodeURIComponent(task.name)}`}>
                {task.projectId}/{task.repoName} · {task.name}
              </Link>
              <span className="muted">
                {task.status?.progress.doneItems}/{task.status?.progress.totalItems} · {formatBytes(task.status?.progress.doneBytes)} of{' '}
                {formatBytes(task.status?.progress.totalBytes)}
              </span>
            </div>
            <Progress
              value={task.status?.progress.doneBytes ?? 0}
              max={task.status?.progress.totalBytes ?? 0}
              label={`Progress of ${task.name}`}
            />
          </div>
        ))}
        {runningConfigs.map((config) => (
          <div key={config.taskKey} className="row between">
            <Link href={`${repoPath(config)}/configs/${encodeURIComponent(config.name)}/history`}>
              {config.projectId}/{config.repoName} · {config.name}
            </Link>
            <StatusBadge status={config.lastExecution?.status} />
          </div>
        ))}
      </section>
      <div className="grid-2">
        <section className="card stack" aria-labelledby="failures-heading">
          <h2 id="failures-heading">Recent failures</h2>
          {failures.length === 0 ? <p className="muted flush">No failed runs.</p> : null}
          {failures.map(({ kind, item, run }) => (
            <div key={item.taskKey} className="stack tighter">
              <Link
                href={`${repoPath(item)}/${kind === 'config' ? 'configs' : 'tasks'}/${encodeURIComponent(item.name)}${kind === 'config' ? '/history' : ''}`}
              >
                {item.projectId}/{item.repoName} · {item.name}
              </Link>
              <span className="text-danger text-sm">{run?.errorReason ?? 'failed'}</span>
              <span className="muted text-xs">{formatServerTime(run?.endTime)}</span>
            </div>
          ))}
        </section>
        <section className="card stack" aria-labelledby="next-heading">
          <h2 id="next-heading">Next scheduled runs</h2>
          {upcoming.length === 0 ? <p className="muted flush">No scheduled runs.</p> : null}
          {upcoming.map((config) => (
            <div key={config.taskKey} className="stack tighter">
              <Link href={`${repoPath(config)}/configs/${encodeURIComponent(config.name)}`}>
                {config.projectId}/{config.repoName} · {config.name}
              </Link>
              <span className="muted text-sm">
                {formatServerTime(config.nextFireTime)} · {describeTrigger(config)}
              </span>
            </div>
          ))}
        </section>
      </div>
    </div>
  );
}
