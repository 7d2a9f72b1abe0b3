import type { Db } from '../db/client';
import { listOrPageTasks } from './list-configs';
import { toConfigInfo, toRunOnceStatus } from './present';
import type { TaskWithLatest } from './queries';
import type { TaskListQuery } from './schemas';

/** A run-once task as its list shows it: the config shape, its package and versions flattened, its latest run. */
function toRunOnceTaskInfo({ task, latest }: TaskWithLatest) {
  const pkg = task.packageConstraints[0];
  return {
    ...toConfigInfo(task, latest ?? undefined),
    packageName: pkg?.packageName ?? pkg?.packageKey ?? null,
    versions: pkg?.versions ?? null,
    targetVersions: pkg?.targetVersions ?? null,
    status: latest ? toRunOnceStatus(latest) : null,
  };
}
export type RunOnceTaskInfo = ReturnType<typeof toRunOnceTaskInfo>;

/**
 * The run-once tasks of a repository (bk-repo has no such list), by name: all of them, or a
 * filtered page when paging fields are given.
 */
export function listRunOnceTasks(db: Db, options: { projectName: string; repoName: string; query?: TaskListQuery }) {
  return listOrPageTasks(db, { ...options, kind: 'RUN_ONCE' }, toRunOnceTaskInfo);
}
