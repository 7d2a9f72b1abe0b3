export type NormalizedPath = { ok: true; path: string } | { ok: false; reason: string };

const MAX_PATH_LENGTH = 1024;

/**
 * Repository paths are absolute, '/'-separated, without '.' or '..' segments, NUL or backslashes.
 * Repeated and trailing slashes are folded away ("/a//b/" → "/a/b"); "/" is the repository root.
 */
export function normalizeArtifactPath(input: string): NormalizedPath {
  if (input.length === 0) return { ok: false, reason: 'must not be empty' };
  if (input.length > MAX_PATH_LENGTH) return { ok: false, reason: `must be at most ${MAX_PATH_LENGTH} characters` };
  if (!input.startsWith('/')) return { ok: false, reason: 'must be absolute (start with /)' };
  if (input.includes('\0')) return { ok: false, reason: 'must not contain NUL' };
  if (input.includes('\\')) return { ok: false, reason: 'must use / as separator, not \\' };
  const segments = input.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, reason: "must not contain '.' or '..' segments" };
  }
  return { ok: true, path: `/${segments.join('/')}` };
}

/** Why a raw (still percent-encoded) artifact path is unacceptable, or null. */
export function artifactPathProblem(rawPath: string): string | null {
  let decoded = '';
  for (const segment of rawPath.split('/')) {
    try {
      decoded += `/${decodeURIComponent(segment)}`;
    } catch {
      return 'is not valid percent-encoding';
    }
  }
  const checked = normalizeArtifactPath(decoded.replace(/^\/+/, '/') || '/');
  return checked.ok ? null : checked.reason;
}
