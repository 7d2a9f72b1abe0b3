import type { Db } from '../db/client';
import { latestExecutions } from '../executions/queries';
import { getRepositoryOrThrow } from '../projects/queries';
import { type ConfigInfo, toConfigInfo } from './present';
import { listTasks } from './queries';

/** All configs of a repository, or the one named (an empty list when it does not exist, as in bk-repo). */
export async function listDistributionConfigs(
  db: Db,
  options: { projectName: string; repoName: string; name?: string },
): Promise<ConfigInfo[]> {
  await getRepositoryOrThrow(db, options.projectName, options.repoName);
  const rows = await listTasks(db, { ...options, kind: 'CONFIG' });
  const latest = await latestExecutions(
    db,
    rows.map((row) => row.taskKey),
  );
  return rows.map((row) => toConfigInfo(row, latest.get(row.taskKey)));
}
