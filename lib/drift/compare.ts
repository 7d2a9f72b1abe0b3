/** One artifact of a config's scope at the source, as the run would copy it. */
export type SourceArtifact = {
  kind: 'FILE' | 'IMAGE';
  /** File path, or image name. */
  name: string;
  /** Image tag at the source; null for files. */
  version: string | null;
  /** The tags the run pushes it under (comma-separated), when retagged. */
  targetVersion: string | null;
  /** sha256:<hex> of a file, the manifest digest of an image. */
  digest: string | null;
  size: number | null;
};

/** What the target holds under an artifact's name. */
export type TargetStat = { present: false } | { present: true; digest: string | null; size: number | null };

type ComparedState = 'IN_SYNC' | 'MISSING' | 'DIFFERENT';

/** Files are compared by sha256 whether a side writes `sha256:<hex>` or the bare hex. */
const bareDigest = (digest: string) => digest.replace(/^sha256:/, '').toLowerCase();

/**
 * Missing when the target has nothing under the name; different when both digests are known and
 * differ (or, without a target digest, the sizes differ); else in sync. A target that does not
 * say its digest is not called different on that alone: a repair would then copy forever.
 */
export function compareArtifact(source: SourceArtifact, target: TargetStat): ComparedState {
  if (!target.present) return 'MISSING';
  if (source.digest && target.digest) return bareDigest(source.digest) === bareDigest(target.digest) ? 'IN_SYNC' : 'DIFFERENT';
  if (source.size !== null && target.size !== null && source.size !== target.size) return 'DIFFERENT';
  return 'IN_SYNC';
}

/**
 * The key an artifact is matched by between a check's items and a run's plan. An untagged image (a
 * referrer pushed by digest) is told apart from its siblings by its digest.
 */
export const artifactKey = (artifact: { kind: string; name: string; version: string | null; digest?: string | null }) =>
  `${artifact.kind}\u0000${artifact.name}\u0000${artifact.version ?? `@${artifact.digest ?? ''}`}`;

/** What the target holds in scope that the source does not, in the target's order, without repeats. */
export function extraNames(held: readonly string[], atSource: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const extra: string[] = [];
  for (const name of held) {
    if (atSource.has(name) || seen.has(name)) continue;
    seen.add(name);
    extra.push(name);
  }
  return extra;
}
