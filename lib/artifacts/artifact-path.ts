import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { normalizeArtifactPath } from '../paths/normalize-path';

/** A file or folder of a repository: projectId, repoName and a normalised absolute path ("/" = root). */
export type ArtifactLocation = { projectName: string; repoName: string; path: string };

/**
 * Splits what follows /generic/ (or /node/page/ …) — "{projectId}/{repoName}/{path…}" — into a
 * location. Route params arrive URL-decoded, so "%2e%2e", "%00" and "%5C" are refused here like
 * their literal forms; repeated slashes fold away.
 */
export function parseArtifactLocation(joinedPath: string | undefined): ArtifactLocation {
  const [projectName, repoName, ...rest] = (joinedPath ?? '').split('/');
  if (!projectName) throw AppError.missing('projectId');
  if (!repoName) throw AppError.missing('repoName');
  const normalized = normalizeArtifactPath(`/${rest.join('/')}`);
  if (!normalized.ok) throw AppError.invalid('path', normalized.reason);
  return { projectName, repoName, path: normalized.path };
}

/** "/a/b/c.txt" → parent "/a/b", name "c.txt"; a file at the root has parent "/". */
export function splitPath(fullPath: string): { parentPath: string; name: string } {
  const slash = fullPath.lastIndexOf('/');
  return { parentPath: slash <= 0 ? '/' : fullPath.slice(0, slash), name: fullPath.slice(slash + 1) };
}

/** bk-repo's NodeInfo.path: the parent folder with a trailing slash. */
export function folderPathOf(parentPath: string): string {
  return parentPath === '/' ? '/' : `${parentPath}/`;
}

/** The prefix every path strictly under a folder starts with. */
export function childPrefixOf(folderPath: string): string {
  return folderPath === '/' ? '/' : `${folderPath}/`;
}

/** Strict ancestors of a path, nearest last: "/a/b/c" → ["/a", "/a/b"]. */
export function ancestorsOf(fullPath: string): string[] {
  const segments = fullPath.split('/').filter(Boolean);
  return segments.slice(0, -1).map((_, i) => `/${segments.slice(0, i + 1).join('/')}`);
}

export function nodeNotFound(location: ArtifactLocation): AppError {
  return new AppError(
    ErrorCode.RESOURCE_NOT_FOUND,
    `Node [${location.projectName}/${location.repoName}${location.path}] not found`,
    'path',
  );
}
