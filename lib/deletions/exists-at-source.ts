import { findFileNode } from '../artifacts/queries';
import type { Db } from '../db/client';
import { findManifestByReference } from '../oci/queries';

/** A deleted artifact, as the outbox and the DELETE detail rows name it. */
export type DeletedArtifact = { artifactKind: 'FILE' | 'IMAGE'; artifactName: string; version: string | null };

/**
 * Whether the artifact is at the source again (re-uploaded, re-tagged since its deletion): then
 * its deletion must not be replicated, whatever the order the events are worked off in.
 */
export async function existsAtSource(db: Db, repo: { projectName: string; repoName: string }, artifact: DeletedArtifact): Promise<boolean> {
  if (artifact.artifactKind === 'FILE') return (await findFileNode(db, { ...repo, path: artifact.artifactName })) !== undefined;
  const image = { ...repo, image: artifact.artifactName };
  return (await findManifestByReference(db, image, artifact.version ?? 'latest')) !== undefined;
}
