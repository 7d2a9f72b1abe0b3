import type { RunOnceTaskInfo } from '@/lib/distribution/hooks';

/** What a run-once task copies: "nginx 1.1 → 1.2, 1.3" or its paths. */
export function describeTaskContent(
  task: Pick<RunOnceTaskInfo, 'packageName' | 'versions' | 'targetVersions' | 'pathConstraints'>,
): string {
  if (task.packageName) {
    const versions = task.versions?.join(', ') ?? 'all versions';
    return `${task.packageName} ${versions}${task.targetVersions?.length ? ` → ${task.targetVersions.join(', ')}` : ''}`;
  }
  return (task.pathConstraints ?? []).map((entry) => entry.path).join(', ') || 'everything';
}

/** What deleting a run-once task does, said the same wherever it can be deleted. */
export const TASK_DELETE_NOTE = 'Its definition is deleted; its run history is kept.';
