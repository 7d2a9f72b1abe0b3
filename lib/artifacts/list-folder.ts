import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { AppError } from '../http/app-error';
import { pageOffset, toPage } from '../paging/page';
import { type ArtifactLocation, nodeNotFound } from './artifact-path';
import { toFileNodeInfo, toFolderNodeInfo } from './present';
import { countChildFiles, type FolderSummary, findFileNode, listChildFolders, pageChildFiles, summarizeFolder } from './queries';
import { getGenericRepository } from './repository-access';
import type { NodeInfo, NodePage, NodePageQuery } from './schemas';

/** GET /repository/api/node/page: the folder listing, after checking the caller may read the repository. */
export async function listNodePage(db: Db, location: ArtifactLocation, query: NodePageQuery, caller: Principal | null): Promise<NodePage> {
  await getGenericRepository(db, location, caller);
  return listFolderPage(db, location, query);
}

/**
 * One page of a folder's direct children: subfolders first, then files, each group sorted by
 * the requested property (folders have size 0, so by size they keep name order). The root always
 * exists; another folder exists while a file lies beneath it.
 */
export async function listFolderPage(db: Db, location: ArtifactLocation, query: NodePageQuery): Promise<NodePage> {
  if (location.path !== '/' && !(await summarizeFolder(db, location))) {
    if (await findFileNode(db, location)) throw AppError.invalid('path', `${location.path} is a file, not a folder`);
    throw nodeNotFound(location);
  }
  const folders = query.includeFolder ? sortFolders(await listChildFolders(db, location), query) : [];
  const fileCount = await countChildFiles(db, location);
  const offset = pageOffset(query);
  const folderRecords = folders.slice(offset, offset + query.pageSize).map((f) => toFolderNodeInfo(location, f));
  const files = await pageChildFiles(db, location, {
    sortProperty: query.sortProperty,
    direction: query.direction,
    offset: Math.max(0, offset - folders.length),
    limit: query.pageSize - folderRecords.length,
  });
  const records: NodeInfo[] = [...folderRecords, ...files.map(toFileNodeInfo)];
  return toPage(records, folders.length + fileCount, query);
}

// Byte order, matching the files' `collate "C"` ordering in SQL.
const byName = (a: FolderSummary, b: FolderSummary) => (a.fullPath < b.fullPath ? -1 : a.fullPath > b.fullPath ? 1 : 0);

function sortFolders(folders: FolderSummary[], query: NodePageQuery): FolderSummary[] {
  const sign = query.direction === 'ASC' ? 1 : -1;
  return folders.sort((a, b) => {
    const primary = query.sortProperty === 'lastModifiedDate' ? a.lastModifiedAt.getTime() - b.lastModifiedAt.getTime() : 0;
    return sign * (primary || byName(a, b));
  });
}
