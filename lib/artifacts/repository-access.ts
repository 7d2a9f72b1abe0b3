import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { findRepository, type RepositoryRow } from '../projects/queries';
import type { ArtifactLocation } from './artifact-path';

/**
 * The GENERIC repository a request addresses. Anonymous callers may only read public ones; for
 * them a missing and a private repository look the same (401), so names do not leak.
 */
export async function getGenericRepository(
  db: Db,
  location: Pick<ArtifactLocation, 'projectName' | 'repoName'>,
  caller: Principal | null,
): Promise<RepositoryRow> {
  const repository = await findRepository(db, location.projectName, location.repoName);
  if (!caller && !repository?.public) {
    throw new AppError(ErrorCode.AUTH_FAILED, 'Authentication required: send HTTP Basic credentials or a Bearer API token');
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
