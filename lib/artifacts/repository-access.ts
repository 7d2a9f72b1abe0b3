import { requireProjectRole } from '../access/project-access';
import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { findRepository, type RepositoryRow } from '../projects/queries';
import type { ArtifactLocation } from './artifact-path';

/**
 * The GENERIC repository a request addresses, if the caller may `need` it. Anyone may read public
 * ones; anonymous callers get 401 for anything else, so a missing and a private repository look
 * the same to them. Signed-in callers need VIEWER to read and MAINTAINER to write; non-members
 * get the missing repository's 404.
 */
export async function getGenericRepository(
  db: Db,
  location: Pick<ArtifactLocation, 'projectName' | 'repoName'>,
  caller: Principal | null,
  need: 'read' | 'write' = 'read',
): Promise<RepositoryRow> {
  const repository = await findRepository(db, location.projectName, location.repoName);
  const publicRead = need === 'read' && !!repository?.public;
  if (!caller && !publicRead) {
    throw new AppError(ErrorCode.AUTH_FAILED, 'Authentication required: send HTTP Basic credentials or a Bearer API token');
  }
  if (caller && !publicRead) {
    const target = { projectName: location.projectName, repoName: location.repoName };
    await requireProjectRole(db, caller, target, need === 'write' ? 'MAINTAINER' : 'VIEWER');
  }
  if (!repository) {
    throw new AppError(ErrorCode.REPOSITORY_NOT_FOUND, `Repository [${location.projectName}/${location.repoName}] not found`, 'repoName');
  }
  if (repository.type !== 'GENERIC') {
    throw AppError.invalid(
      'repoName',
      `[${location.projectName}/${location.repoName}] is a ${repository.type} repository; use /v2/ for images`,
    );
  }
  return repository;
}
