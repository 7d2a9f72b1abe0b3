import type { BlobLocations } from '../blob-locations/blob-locations';
import { limitStream, type RegistryClient } from '../oci-client/registry-client';
import type { ImageRef, ImageSource, ImageTree } from './image-source';
import { inParallel } from './in-parallel';
import type { RateLimiter } from './rate-limiter';
import { ConflictError, type ConflictStrategy, type TransferOutcome } from './transfer-outcome';

export type PushImageOptions = {
  client: RegistryClient;
  /** Where blobs were pushed or found on target registries: the sources of cross-repository mounts. */
  locations: BlobLocations;
  /** Repository path at the target, e.g. ns/nginx or project/repo/nginx. */
  targetRepo: string;
  source: ImageSource;
  ref: ImageRef;
  tag: string;
  /** Tags to push the one source version under (defaults to the source tag). */
  targetTags: string[];
  conflictStrategy: ConflictStrategy;
  limiter: RateLimiter;
  onBytes: (bytes: number) => void;
};

/**
 * Pushes one image version: blobs (skipping those present, mounting where possible), child
 * manifests by digest, then the manifest under each target tag. Every step is check-then-push,
 * so running it again after a crash is harmless.
 */
export async function pushImage(options: PushImageOptions, tree?: ImageTree): Promise<TransferOutcome> {
  const image = tree ?? (await options.source.tree(options.ref, options.tag));
  if (!image) throw new Error(`${options.ref.image}:${options.tag} does not exist in ${options.ref.projectName}/${options.ref.repoName}`);
  const { client, targetRepo } = options;

  const tagsToPush: string[] = [];
  let conflict = false;
  for (const tag of options.targetTags) {
    const existing = await client.manifestDigest(targetRepo, tag);
    if (existing === image.root.digest) continue;
    if (existing) {
      if (options.conflictStrategy === 'FAST_FAIL') throw new ConflictError(`${targetRepo}:${tag}`);
      if (options.conflictStrategy === 'SKIP') {
        conflict = true;
        continue;
      }
    }
    tagsToPush.push(tag);
  }
  if (tagsToPush.length === 0) return { status: conflict ? 'SKIPPED' : 'SUCCESS', conflict, bytesSent: 0 };

  const bytesSent = await pushImageContent(options, image);
  for (const tag of tagsToPush) await client.putManifest(targetRepo, tag, image.root);
  return { status: 'SUCCESS', conflict, bytesSent };
}

/** What pushing an image's content needs: the image's own tags and conflict strategy do not matter here. */
export type PushContentOptions = Pick<PushImageOptions, 'client' | 'locations' | 'targetRepo' | 'source' | 'limiter' | 'onBytes'>;

/**
 * Everything an image's manifest refers to: blobs (skipping those present, mounting where possible),
 * then child manifests by digest. Returns the bytes sent. The manifest itself is the caller's.
 */
export async function pushImageContent(options: PushContentOptions, image: ImageTree): Promise<number> {
  const { client, targetRepo } = options;
  let bytesSent = 0;
  const upload = (blob: ImageTree['blobs'][number], session?: string) =>
    client.uploadBlob(
      targetRepo,
      blob,
      // Cut to the request's length before counting: a chunk must not count (or rate-limit) read-ahead bytes.
      async (offset, length) =>
        limitStream(await options.source.openBlob(blob.digest, offset), length).pipe(
          options.limiter.throttle((bytes) => {
            bytesSent += bytes;
            options.onBytes(bytes);
          }),
        ),
      { session },
    );
  // Like skopeo, several layers at once: one slow blob does not hold up the others.
  await inParallel(image.blobs, PARALLEL_BLOBS, async (blob) => {
    const here = { registry: client.origin, digest: blob.digest, repository: targetRepo };
    if (!(await client.blobExists(targetRepo, blob.digest))) {
      const session = await mountFromKnownHome(options, blob.digest);
      if (session !== MOUNTED) await upload(blob, session);
    }
    await options.locations.record(here);
  });
  // Registries check references on manifest PUT: children before the index that lists them.
  for (const child of image.children) await client.putManifest(targetRepo, child.digest, child);
  return bytesSent;
}

const PARALLEL_BLOBS = 3;
/** Mount candidates tried per blob: each stale one costs a round trip before the upload. */
const MOUNT_CANDIDATES = 2;
const MOUNTED = Symbol('mounted');

/**
 * spec "Mounting a blob from another repository": no bytes when this registry holds the blob in
 * another repository Ferry pushed it to (or found it in). A 202 means the location is stale: it is
 * forgotten, and the session the registry opened is handed back for the upload (the last one) or
 * cancelled (when another candidate follows), so none is left behind.
 */
async function mountFromKnownHome(options: PushContentOptions, digest: string): Promise<typeof MOUNTED | string | undefined> {
  const { client, targetRepo, locations } = options;
  const homes = await locations.homes({ registry: client.origin, digest, exceptRepository: targetRepo, limit: MOUNT_CANDIDATES });
  let session: string | undefined;
  for (const home of homes) {
    if (session) await client.cancelUpload(targetRepo, session);
    const result = await client.mountBlob(targetRepo, digest, home);
    if (result.mounted) return MOUNTED;
    await locations.forget({ registry: client.origin, digest, repository: home });
    session = result.session ?? undefined;
  }
  return session;
}
