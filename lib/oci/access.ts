import { resolveProjectRights } from '../access/project-access';
import { rankAtLeast } from '../access/roles';
import { authenticate, type Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { findRepository, type RepositoryRow } from '../projects/queries';
import { OciError } from './errors';
import type { ImageName } from './names';

const BASIC_CHALLENGE = 'Basic realm="ferry", charset="UTF-8"';

// distribution-spec §"Error Codes" UNAUTHORIZED; registry clients learn the scheme from this challenge.
export function unauthorized(message = 'authentication required'): OciError {
  return new OciError('UNAUTHORIZED', message, null, { headers: { 'WWW-Authenticate': BASIC_CHALLENGE } });
}

/**
 * The caller, or null for anonymous. skopeo without credentials sends `Basic` with an empty user
 * and password after the 401 ping: that is anonymous too. Any other credentials must be valid.
 */
export async function principalOf(db: Db, authorization: string | null, address: string): Promise<Principal | null> {
  if (!authorization || isEmptyBasic(authorization)) return null;
  const principal = await authenticate(db, authorization, { address }).catch((error: unknown) => {
    // distribution-spec §"Error Codes" TOOMANYREQUESTS: the password throttle holds this caller back.
    if (error instanceof AppError && error.code === ErrorCode.TOO_MANY_REQUESTS) {
      throw new OciError('TOOMANYREQUESTS', error.message, null, { headers: { 'Retry-After': String(error.retryAfterSeconds ?? 1) } });
    }
    // Credentials the database cannot hold (a NUL in the user name) are simply wrong credentials here.
    if (error instanceof AppError) return null;
    throw error;
  });
  if (!principal) throw unauthorized('invalid username, password or token');
  return principal;
}

function isEmptyBasic(authorization: string): boolean {
  const [scheme, credentials = ''] = authorization.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() !== 'basic') return false;
  return Buffer.from(credentials, 'base64').toString('utf8') === ':' || credentials === '';
}

export type Action = 'pull' | 'push';

/**
 * The DOCKER repository holding an image, if the caller may perform `action` on it. Anyone may
 * pull from public repositories; anonymous callers are challenged otherwise, without learning
 * whether the repository exists. Signed-in callers need VIEWER to pull and MAINTAINER to push or
 * delete: a non-member gets NAME_UNKNOWN as for a missing repository, a member lacking the role
 * DENIED (distribution-spec §"Error Codes": DENIED, 403).
 */
export async function authorizeImage(db: Db, principal: Principal | null, image: ImageName, action: Action): Promise<RepositoryRow> {
  const repository = await findRepository(db, image.projectName, image.repoName);
  const isDocker = repository?.type === 'DOCKER';
  if (!principal) {
    if (action === 'pull' && repository && isDocker && repository.public) return repository;
    throw unauthorized(action === 'push' ? 'pushing needs credentials' : 'authentication required');
  }
  const nameUnknown = (refusal = false) =>
    new OciError('NAME_UNKNOWN', `no DOCKER repository [${image.projectName}/${image.repoName}]`, { name: image.name }, { refusal });
  if (action === 'pull' && repository?.public && isDocker) return repository;
  const { rank, ownerRank } = await resolveProjectRights(db, principal, image.projectName);
  if (rank === null) throw nameUnknown(true);
  if (!repository || !isDocker) throw nameUnknown();
  const needed = action === 'pull' ? 'VIEWER' : 'MAINTAINER';
  if (!rankAtLeast(rank, needed)) {
    const message =
      principal.token && rankAtLeast(ownerRank, needed)
        ? `token [${principal.token.name}] is READ; WRITE is needed`
        : `user [${principal.username}] is ${rank} on project [${image.projectName}]; ${needed} is needed`;
    throw new OciError('DENIED', message, { name: image.name });
  }
  return repository;
}
