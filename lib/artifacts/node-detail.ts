import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import type { ArtifactLocation } from './artifact-path';
import { nodeNotFound } from './artifact-path';
import { toFileNodeInfo, toFolderNodeInfo } from './present';
import { findFileNode, summarizeFolder } from './queries';
import { getGenericRepository } from './repository-access';
import type { NodeInfo } from './schemas';

/** One node with its metadata: a file, a folder (folder=true, size 0), or the root of the repository. */
export async function getNodeDetail(db: Db, location: ArtifactLocation, caller: Principal | null): Promise<NodeInfo> {
  const repository = await getGenericRepository(db, location, caller);
  const file = location.path === '/' ? undefined : await findFileNode(db, location);
  if (file) return toFileNodeInfo(file);
  const folder = await summarizeFolder(db, location);
  if (folder) return toFolderNodeInfo(location, folder);
  if (location.path !== '/') throw nodeNotFound(location);
  // An empty repository still has its root.
  return toFolderNodeInfo(location, {
    fullPath: '/',
    createdAt: repository.createdAt,
    createdBy: repository.createdBy,
    lastModifiedAt: repository.lastModifiedAt,
    lastModifiedBy: repository.lastModifiedBy,
  });
}
