import { MediaType } from '../oci/manifest-format';
import type { ReferrerDescriptor } from '../oci/queries';
import { fallbackTagOf } from '../oci/referrer-tags';
import { type PushImageOptions, pushImage, pushImageContent } from './push-image';
import type { TransferOutcome } from './transfer-outcome';

export type PushReferrerOptions = Omit<PushImageOptions, 'tag' | 'targetTags'> & {
  /** The digest of the manifest the referrer refers to. */
  subjectDigest: string;
  /** A cosign-scheme tag (`sha256-<hex>.sig|.att|.sbom`), or null for an OCI 1.1 referrer pushed by digest. */
  cosignTag: string | null;
  /** The referrer as a referrers index lists it (its artifactType and annotations); OCI referrers only. */
  descriptor: ReferrerDescriptor | null;
  /** Serialises the fallback index updates of one subject: two referrers of it may be pushed at once. */
  lock: KeyedLock;
};

/**
 * Pushes a signature, attestation or SBOM that refers to an image, so it travels with the image.
 *
 * A cosign-scheme tag is pushed as a tag, following the source (cosign rewrites it when it adds a
 * signature): the config's conflict strategy is for the image's own tags, not these.
 *
 * An OCI 1.1 referrer (distribution-spec §"Pushing Manifests with Subject") is pushed by digest
 * with its blobs. When the target answers the PUT with OCI-Subject, or lists it in its referrers
 * API (GET /v2/<name>/referrers/<subject>), that is all. Otherwise (no referrers API, e.g.
 * docker-registry 2.8) the referrers tag schema's fallback index `sha256-<hex>` gets the
 * referrer's descriptor (§"Referrers Tag Schema"). Each step checks first: a re-run sends nothing.
 */
export async function pushReferrer(options: PushReferrerOptions): Promise<TransferOutcome> {
  if (options.cosignTag) {
    return pushImage({ ...options, tag: options.cosignTag, targetTags: [options.cosignTag], conflictStrategy: 'OVERWRITE' });
  }
  const { client, targetRepo, descriptor, subjectDigest } = options;
  if (!descriptor) throw new Error(`the referrer of ${subjectDigest} is no longer in ${options.ref.projectName}/${options.ref.repoName}`);
  const tree = await options.source.tree(options.ref, descriptor.digest);
  if (!tree)
    throw new Error(`${options.ref.image}@${descriptor.digest} no longer exists in ${options.ref.projectName}/${options.ref.repoName}`);
  let bytesSent = 0;
  let indexed = false;
  if ((await client.manifestDigest(targetRepo, descriptor.digest)) !== descriptor.digest) {
    bytesSent = await pushImageContent(options, tree);
    const pushed = await client.putManifest(targetRepo, descriptor.digest, tree.root);
    indexed = pushed.subject === subjectDigest;
  }
  if (!indexed) {
    const listed = await client.listReferrers(targetRepo, subjectDigest);
    indexed = listed?.some((entry) => entry.digest === descriptor.digest) ?? false;
  }
  if (!indexed) await options.lock(`${client.origin} ${targetRepo} ${subjectDigest}`, () => addToFallbackIndex(options, descriptor));
  return { status: 'SUCCESS', conflict: false, bytesSent };
}

/**
 * distribution-spec §"Pushing Manifests with Subject", client steps when OCI-Subject is absent: pull
 * the fallback tag (404 = start from an empty index), add the descriptor unless it is there, push it
 * back under the same tag. A tag holding something other than an image index is left alone: failure.
 */
async function addToFallbackIndex(options: PushReferrerOptions, descriptor: ReferrerDescriptor): Promise<void> {
  const { client, targetRepo, subjectDigest } = options;
  const tag = fallbackTagOf(subjectDigest);
  const current = await client.getManifest(targetRepo, tag);
  let index: { schemaVersion: number; mediaType: string; manifests: Array<{ digest?: unknown }> } & Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: MediaType.OCI_INDEX,
    manifests: [],
  };
  if (current) {
    const parsed = parseIndex(current.bytes);
    if (current.mediaType !== MediaType.OCI_INDEX || !parsed) {
      throw new Error(
        `${targetRepo}:${tag} is a ${current.mediaType || 'manifest'}, not the referrers index of ${subjectDigest}; left as is`,
      );
    }
    index = parsed;
  }
  if (index.manifests.some((entry) => entry.digest === descriptor.digest)) return;
  index.manifests.push(descriptor);
  await client.putManifest(targetRepo, tag, { mediaType: MediaType.OCI_INDEX, bytes: Buffer.from(JSON.stringify(index)) });
}

function parseIndex(bytes: Buffer) {
  try {
    const json = JSON.parse(bytes.toString('utf8')) as { schemaVersion?: unknown; manifests?: unknown; mediaType?: unknown };
    if (json.schemaVersion !== 2 || !Array.isArray(json.manifests)) return null;
    return { ...json, schemaVersion: 2, mediaType: MediaType.OCI_INDEX, manifests: json.manifests as Array<{ digest?: unknown }> };
  } catch {
    return null;
  }
}

/** Runs `work` after any earlier work of the same key has ended (one process; a run is one process's). */
export type KeyedLock = <T>(key: string, work: () => Promise<T>) => Promise<T>;

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return async (key, work) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.catch(() => undefined).then(work);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
