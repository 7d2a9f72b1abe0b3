import type { RegistryClient } from '../oci-client/registry-client';
import type { ImageRef, ImageSource, ImageTree } from './image-source';
import { inParallel } from './in-parallel';
import type { RateLimiter } from './rate-limiter';
import { ConflictError, type ConflictStrategy, type TransferOutcome } from './transfer-outcome';

export type PushImageOptions = {
  client: RegistryClient;
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

  let bytesSent = 0;
  // Like skopeo, several layers at once: one slow blob does not hold up the others.
  await inParallel(image.blobs, PARALLEL_BLOBS, async (blob) => {
    if (await client.blobExists(targetRepo, blob.digest)) return;
    // spec "Mounting a blob from another repository": no bytes when this registry has it elsewhere.
    const home = client.knownHomeOf(blob.digest, targetRepo);
    if (home && (await client.mountBlob(targetRepo, blob.digest, home))) return;
    await client.uploadBlob(targetRepo, blob, async (offset) =>
      (await options.source.openBlob(blob.digest, offset)).pipe(
        options.limiter.throttle((bytes) => {
          bytesSent += bytes;
          options.onBytes(bytes);
        }),
      ),
    );
  });
  // Registries check references on manifest PUT: children before the index that lists them.
  for (const child of image.children) await client.putManifest(targetRepo, child.digest, child);
  for (const tag of tagsToPush) await client.putManifest(targetRepo, tag, image.root);
  return { status: 'SUCCESS', conflict, bytesSent };
}

const PARALLEL_BLOBS = 3;
