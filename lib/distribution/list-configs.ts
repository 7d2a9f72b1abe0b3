import type { Db } from '../db/client';
import type { Page } from '../paging/page';
import { getRepositoryOrThrow } from '../projects/queries';
import { type ConfigInfo, toConfigInfo } from './present';
import { listTasks, type TaskKind, type TaskListFilter, type TaskWithLatest } from './queries';
import type { TaskListQuery } from './schemas';

type RepoRef = { projectName: string; repoName: string };

/**
 * A repository's configs or tasks as the list endpoints answer them: bk-repo's plain array without
 * paging fields, one page of the filtered list with them.
 */
export async function listOrPageTasks<T>(
  db: Db,
  options: RepoRef & { kind: TaskKind; name?: string; query?: TaskListQuery },
  present: (row: TaskWithLatest) => T,
): Promise<T[] | Page<T>> {
  await getRepositoryOrThrow(db, options.projectName, options.repoName);
  const { query = {} } = options;
  const filter: TaskListFilter = {
    projectName: options.projectName,
    repoName: options.repoName,
    kind: options.kind,
    name: options.name,
    nameContains: query.name || undefined,
    enabled: query.enabled,
    replicaType: query.replicaType,
    lastStatus: query.lastStatus,
  };
  if (query.pageNumber === undefined && query.pageSize === undefined) return (await listTasks(db, filter)).map(present);
  const page = await listTasks(db, filter, { pageNumber: query.pageNumber ?? 1, pageSize: query.pageSize ?? 20 });
  return { ...page, records: page.records.map(present) };
}

const presentConfig = (row: TaskWithLatest) => toConfigInfo(row.task, row.latest ?? undefined);

/** All configs of a repository, or the one named (an empty list when it does not exist, as in bk-repo). */
export function listDistributionConfigs(db: Db, options: RepoRef & { name?: string }): Promise<ConfigInfo[]> {
  return listOrPageTasks(db, { ...options, kind: 'CONFIG' }, presentConfig) as Promise<ConfigInfo[]>;
}

/** The configs list endpoint: the plain list, or a filtered page when paging fields are given. */
export function listOrPageDistributionConfigs(db: Db, options: RepoRef & { query: TaskListQuery }) {
  return listOrPageTasks(db, { ...options, kind: 'CONFIG' }, presentConfig);
}
