import type { Db } from '../db/client';
import { latestExecutions } from '../executions/queries';
import { getRepositoryOrThrow } from '../projects/queries';
import { toConfigInfo, toRunOnceStatus } from './present';
import { listTasks } from './queries';

/**
 * Every run-once task of a repository (bk-repo has no such list): the config shape, the task's
 * package and versions flattened as they were created, and its latest run with progress.
 */
export async function listRunOnceTasks(db: Db, options: { projectName: string; repoName: string }) {
  await getRepositoryOrThrow(db, options.projectName, options.repoName);
  const rows = await listTasks(db, { ...options, kind: 'RUN_ONCE' });
  const latest = await latestExecutions(
    db,
    rows.map((row) => row.taskKey),
  );
  return rows.map((row) => {
    const execution = latest.get(row.taskKey);
    const pkg = row.packageConstraints[0];
    return {
      ...toConfigInfo(row, execution),
      packageName: pkg?.packageName ?? pkg?.packageKey ?? null,
      versions: pkg?.versions ?? null,
      targetVersions: pkg?.targetVersions ?? null,
      status: execution ? toRunOnceStatus(execution) : null,
    };
  });
}
export type RunOnceTaskInfo = Awaited<ReturnType<typeof listRunOnceTasks>>[number];
