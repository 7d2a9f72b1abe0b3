import { OciError } from './errors';

// distribution-spec §"Pulling manifests": <name> grammar, each path component separately.
const NAME_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
// distribution-spec §"Pulling manifests": <reference> as a tag.
export const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
// Docker's historical limit on the whole name; the spec lets registries cap it.
const MAX_NAME_LENGTH = 255;

/** An image repository in Ferry: {projectName}/{repoName}/{image}, where image may contain '/'. */
export type ImageName = { name: string; projectName: string; repoName: string; image: string };

export function parseImageName(name: string): ImageName {
  if (name.length > MAX_NAME_LENGTH) {
    throw new OciError('NAME_INVALID', `image name is longer than ${MAX_NAME_LENGTH} characters`, { name: name.slice(0, 80) });
  }
  const parts = name.split('/');
  const bad = parts.find((part) => !NAME_COMPONENT.test(part));
  if (bad !== undefined) {
    throw new OciError('NAME_INVALID', `invalid path component [${bad}]: use lowercase letters and digits separated by ., _, __ or -`, {
      name,
    });
  }
  const [projectName, repoName, ...imageParts] = parts;
  if (!projectName || !repoName || imageParts.length === 0) {
    throw new OciError('NAME_INVALID', 'image names are {projectId}/{repoName}/{image}', { name });
  }
  return { name, projectName, repoName, image: imageParts.join('/') };
}

/** What a /v2/ path addresses; see distribution-spec §"Endpoints" (end-1 … end-13). */
export type OciRoute =
  | { kind: 'base' }
  | { kind: 'tags'; name: string }
  | { kind: 'manifest'; name: string; reference: string }
  | { kind: 'uploads'; name: string }
  | { kind: 'upload'; name: string; uploadId: string }
  | { kind: 'blob'; name: string; digest: string }
  | { kind: 'referrers'; name: string; digest: string };

// Greedy (.+) keeps the last match, so images named e.g. "tools/blobs" still route correctly.
const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => OciRoute]> = [
  [/^(.+)\/tags\/list$/, (m) => ({ kind: 'tags', name: m[1] ?? '' })],
  [/^(.+)\/manifests\/([^/]+)$/, (m) => ({ kind: 'manifest', name: m[1] ?? '', reference: m[2] ?? '' })],
  [/^(.+)\/blobs\/uploads\/?$/, (m) => ({ kind: 'uploads', name: m[1] ?? '' })],
  [/^(.+)\/blobs\/uploads\/([^/]+)$/, (m) => ({ kind: 'upload', name: m[1] ?? '', uploadId: m[2] ?? '' })],
  [/^(.+)\/blobs\/([^/]+)$/, (m) => ({ kind: 'blob', name: m[1] ?? '', digest: m[2] ?? '' })],
  [/^(.+)\/referrers\/([^/]+)$/, (m) => ({ kind: 'referrers', name: m[1] ?? '', digest: m[2] ?? '' })],
];

/** Routes the raw (still percent-encoded) path after /v2/; null when no endpoint matches. */
export function routeOciPath(rest: string): OciRoute | null {
  if (rest === '' || rest === '/') return { kind: 'base' };
  for (const [pattern, build] of PATTERNS) {
    const match = rest.match(pattern);
    if (match) return build(match);
  }
  return null;
}

/** The metrics label of a /v2/ request: the endpoint's template, never the raw path. */
export function ociRouteTemplate(route: OciRoute | null): string {
  switch (route?.kind) {
    case undefined:
      return '/v2/(unmatched)';
    case 'base':
      return '/v2/';
    case 'tags':
      return '/v2/{name}/tags/list';
    case 'manifest':
      return '/v2/{name}/manifests/{reference}';
    case 'uploads':
      return '/v2/{name}/blobs/uploads/';
    case 'upload':
      return '/v2/{name}/blobs/uploads/{uuid}';
    case 'blob':
      return '/v2/{name}/blobs/{digest}';
    case 'referrers':
      return '/v2/{name}/referrers/{digest}';
  }
}
