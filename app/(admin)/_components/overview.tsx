'use client';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/badge';
import { Progress } from '@/components/ui/progress';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { describeTrigger } from '@/lib/distribution/describe';
import { type Overview as OverviewData, useOverview } from '@/lib/distribution/hooks';
import { formatBytes, formatServerTime } from '@/lib/format/format';

const repoPath = (item: { projectId: string; repoName: string }) =>
  `/projects/${encodeURIComponent(item.projectId)}/${encodeURIComponent(item.repoName)}`;

type RunItem = OverviewData['running'][number];
const runPath = (item: RunItem) =>
  `${repoPath(item)}/${item.kind === 'CONFIG' ? 'configs' : 'tasks'}/${encodeURIComponent(item.name)}${item.kind === 'CONFIG' ? '/history' : ''}`;

export function Overview() {
  const overview = useOverview();
  if (overview.isPending) return <TableSkeleton label="Loading overview" rows={6} />;
  if (overview.error) return <ErrorState error={overview.error} onRetry={overview.refetch} />;
  const { counts, running, failures, upcoming } = overview.data;
  if (overview.data.repoCount === 0) {
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
  const runningTasks = running.filter((item) => item.kind === 'RUN_ONCE');
  const runningConfigs = running.filter((item) => item.kind === 'CONFIG');
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
                {task.run.progress.doneItems}/{task.run.progress.totalItems} · {formatBytes(task.run.progress.doneBytes)} of{' '}
                {formatBytes(task.run.progress.totalBytes)}
              </span>
            </div>
            <Progress value={task.run.progress.doneBytes} max={task.run.progress.totalBytes} label={`Progress of ${task.name}`} />
          </div>
        ))}
        {runningConfigs.map((config) => (
          <div key={config.taskKey} className="row between">
            <Link href={runPath(config)}>
              {config.projectId}/{config.repoName} · {config.name}
            </Link>
            <StatusBadge status={config.run.status} />
          </div>
        ))}
      </section>
      <div className="grid-2">
        <section className="card stack" aria-labelledby="failures-heading">
          <h2 id="failures-heading">Recent failures</h2>
          {failures.length === 0 ? <p className="muted flush">No failed runs.</p> : null}
          {failures.map((item) => (
            <div key={item.taskKey} className="stack tighter">
              <Link href={runPath(item)}>
                {item.projectId}/{item.repoName} · {item.name}
              </Link>
              <span className="text-danger text-sm">{item.run.errorReason ?? 'failed'}</span>
              <span className="muted text-xs">{formatServerTime(item.run.endTime)}</span>
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
