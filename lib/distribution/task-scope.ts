import type { StoredPackageConstraint } from '../db/schema';
import { imageOfConstraint } from '../oci/package-key';
import type { TaskRow } from './queries';

/** An artifact as the outbox names it: a file path, or an image name and tag. */
type ScopedArtifact = { artifactKind: 'FILE' | 'IMAGE'; artifactName: string; version: string | null };

function pathMatches(paths: string[], path: string): boolean {
  return paths.length === 0 || paths.some((p) => p === '/' || path === p || path.startsWith(`${p}/`));
}

function packageMatches(constraints: StoredPackageConstraint[], image: string, version: string | null): boolean {
  if (constraints.length === 0) return true;
  return constraints.some((c) => {
    return imageOfConstraint(c) === image && (!c.versions || (version !== null && c.versions.includes(version)));
  });
}

/** Whether a REAL_TIME config's path and package rules cover this artifact (its copies and its deletions alike). */
export function taskCovers(task: Pick<TaskRow, 'pathConstraints' | 'packageConstraints'>, artifact: ScopedArtifact): boolean {
  if (artifact.artifactKind === 'FILE') {
    return task.packageConstraints.length > 0 && task.pathConstraints.length === 0
      ? false
      : pathMatches(task.pathConstraints, artifact.artifactName);
  }
  return task.pathConstraints.length > 0 && task.packageConstraints.length === 0
    ? false
    : packageMatches(task.packageConstraints, artifact.artifactName, artifact.version);
}
