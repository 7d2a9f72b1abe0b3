import { formatLocalDateTime } from '../time/local-time';
import { folderPathOf, splitPath } from './artifact-path';
import type { FileNodeRow, FolderSummary } from './queries';
import type { NodeInfo } from './schemas';

export function toFileNodeInfo(row: FileNodeRow): NodeInfo {
  return {
    projectId: row.projectName,
    repoName: row.repoName,
    path: folderPathOf(row.parentPath),
    name: row.name,
    fullPath: row.fullPath,
    folder: false,
    size: row.size,
    sha256: row.sha256,
    md5: row.md5,
    metadata: row.metadata,
    createdBy: row.createdBy,
    createdDate: formatLocalDateTime(row.createdAt),
    lastModifiedBy: row.lastModifiedBy,
    lastModifiedDate: formatLocalDateTime(row.lastModifiedAt),
  };
}

export function toFolderNodeInfo(location: { projectName: string; repoName: string }, folder: FolderSummary): NodeInfo {
  const { parentPath, name } = splitPath(folder.fullPath);
  return {
    projectId: location.projectName,
    repoName: location.repoName,
    path: folder.fullPath === '/' ? '/' : folderPathOf(parentPath),
    name,
    fullPath: folder.fullPath,
    folder: true,
    size: 0,
    sha256: null,
    md5: null,
    metadata: {},
    createdBy: folder.createdBy,
    createdDate: formatLocalDateTime(folder.createdAt),
    lastModifiedBy: folder.lastModifiedBy,
    lastModifiedDate: formatLocalDateTime(folder.lastModifiedAt),
  };
}
