import type { ArtifactEvent } from '../events/record-event';
import type { ArtifactLocation } from './artifact-path';

type NodeEventType = 'NODE_CREATED' | 'NODE_OVERWRITTEN' | 'NODE_DELETED';

/** The outbox event of a file written or removed at `location` (what real-time distribution reacts to). */
export function nodeEvent(
  type: NodeEventType,
  location: ArtifactLocation,
  blob: { sha256: string; size: number },
  actor: string,
  createdAt: Date,
): ArtifactEvent {
  return {
    type,
    projectName: location.projectName,
    repoName: location.repoName,
    path: location.path,
    digest: blob.sha256,
    size: blob.size,
    actor,
    createdAt,
  };
}
