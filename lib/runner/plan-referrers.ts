import type { Db } from '../db/client';
import type { QueuedArtifact } from '../executions/queue-execution';
import { type ImageRef, listReferrerDescriptors, listTagsIn, resolveImageGraph } from '../oci/queries';
import { cosignTagSubject, cosignTagsOf } from '../oci/referrer-tags';

/** The artifactType a run's details show for a cosign-scheme tag: cosign's own names for them. */
const cosignArtifactType = (kind: string) => `application/vnd.dev.cosign.artifact.${kind}.v1+json`;

/**
 * The artifacts that travel with one image version (its subject digest), as PENDING detail rows
 * with subjectDigest set: OCI 1.1 referrers (version null, pushed by digest) and cosign-scheme tags
 * (version = the tag). Only the version's own manifest is a subject here, not the children of an
 * index nor referrers of referrers: cosign and notation sign what is tagged.
 */
export async function planReferrers(db: Db, ref: ImageRef, subjectDigest: string): Promise<QueuedArtifact[]> {
  const sizeOf = async (digest: string) => (await resolveImageGraph(db, { ...ref, reference: digest }))?.totalBytes ?? 0;
  const rows: QueuedArtifact[] = [];
  const base = { status: 'PENDING' as const, artifactKind: 'IMAGE' as const, artifactName: ref.image, subjectDigest };
  for (const referrer of await listReferrerDescriptors(db, ref, subjectDigest)) {
    rows.push({
      ...base,
      version: null,
      digest: referrer.digest,
      artifactType: referrer.artifactType ?? null,
      size: await sizeOf(referrer.digest),
    });
  }
  for (const tag of await listTagsIn(db, ref, cosignTagsOf(subjectDigest))) {
    rows.push({
      ...base,
      version: tag.tag,
      digest: tag.digest,
      artifactType: cosignArtifactType(cosignTagSubject(tag.tag)?.kind ?? 'sig'),
      size: await sizeOf(tag.digest),
    });
  }
  return rows;
}
