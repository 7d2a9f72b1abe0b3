import type { AuditTrail } from '../audit/audit-trail';
import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { recordArtifactEvent } from '../events/record-event';
import { AppError } from '../http/app-error';
import { type ArtifactLocation, nodeNotFound } from './artifact-path';
import { nodeEvent } from './node-event';
import { deleteFilesAt } from './queries';
import { getGenericRepository } from './repository-access';

/**
 * Deletes a file, or a folder with every file beneath it (as bk-repo does), writing one
 * NODE_DELETED event per file in the same transaction. Blobs stay until garbage collection.
 */
export async function deleteNode(
  db: Db,
  location: ArtifactLocation,
  caller: Principal,
  options: { now?: Date; audit?: AuditTrail } = {},
): Promise<{ deletedFiles: number }> {
  const now = options.now ?? new Date();
  await getGenericRepository(db, location, caller, 'write');
  if (location.path === '/') throw AppError.invalid('path', 'the repository root cannot be deleted; delete the repository instead');
  return db.transaction(async (tx) => {
    // Only what this statement removed is reported, so a concurrent delete never doubles events.
    const deleted = await deleteFilesAt(tx, location);
    if (deleted.length === 0) throw nodeNotFound(location);
    for (const file of deleted) {
      const at = { projectName: file.projectName, repoName: file.repoName, path: file.fullPath };
      await recordArtifactEvent(tx, nodeEvent('NODE_DELETED', at, file, caller.username, now));
    }
    await options.audit?.record(tx, {
      resource: `${location.projectName}/${location.repoName}${location.path}`,
      detail: { deletedFiles: deleted.map((file) => file.fullPath) },
    });
    return { deletedFiles: deleted.length };
  });
}
