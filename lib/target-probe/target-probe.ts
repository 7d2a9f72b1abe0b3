import { setMaxListeners } from 'node:events';
import { blobLocationsIn } from '../blob-locations/blob-locations';
import type { Db } from '../db/client';
import type { TaskRow } from '../distribution/queries';
import { RegistryError } from '../oci-client/errors';
import { type RunTarget, resolveRunTarget } from '../runner/resolve-target';
import { headPeerFile } from './peer-file';

export type ProbeDeps = { db: Db; now?: () => Date };

/** One artifact as a run would copy it: a file path, or an image name with its source tag. */
export type ProbeArtifactRef = {
  kind: 'FILE' | 'IMAGE';
  name: string;
  version: string | null;
  /** Comma-separated tags the image is pushed under at the target (the source tag when absent). */
  targetVersion?: string | null;
  /** The manifest's digest: an untagged image (an OCI referrer travelling with its subject) is looked up by it. */
  digest?: string | null;
};

/** What one target tag of an image resolves to (null digest: absent). */
type ProbedTag = { tag: string; digest: string | null };

export type ArtifactStat =
  | { present: false }
  | {
      present: true;
      /**
       * Files: `sha256:<hex>` of the peer's copy (null when the path is a folder there). Images: the
       * Docker-Content-Digest of the target tag; with several target tags, their digest when all
       * agree, else null (see `tags`).
       */
      digest: string | null;
      /** Files: Content-Length at the peer. Images: null (a manifest HEAD does not tell the image's size). */
      size: number | null;
      /** Images: every target tag, absent ones included. */
      tags?: ProbedTag[];
    };

export type TargetProbe = {
  /** Human name of the target ("registry 127.0.0.1:5000", "cluster peer"), for messages. */
  readonly describe: string;
  readonly kind: RunTarget['kind'];
  statArtifact: (ref: ProbeArtifactRef, signal?: AbortSignal) => Promise<ArtifactStat>;
  /**
   * Whether a push of this content would move no bytes. Image blobs (pass the image name): the
   * target repository holds it, or a repository of the same registry that Ferry knows holds it
   * (lib/blob-locations) answers a HEAD for it, so a cross-repository mount would do. File content
   * (no image): a file with this sha256 was seen at the peer by this probe, so the peer can link
   * it (X-Ferry-Link-Sha256) in place of the bytes; a read-only probe cannot see the rest of the peer.
   */
  hasBlob: (digest: string, signal?: AbortSignal, image?: string) => Promise<boolean>;
  close: () => void;
};

/** Probes tried per blob beyond the target repository: as many as the runner tries to mount from. */
const MOUNT_CANDIDATES = 2;

/**
 * A read-only view of a task's target: only HEAD requests, with the target's own credentials, each
 * through the outbound policy (lib/net, applied by every agent of lib/remote/http-request). Nothing
 * is created at the target, unlike a run (which creates the remote project and repository).
 */
export async function openTargetProbe(deps: ProbeDeps, task: TaskRow): Promise<TargetProbe> {
  const lifetime = new AbortController();
  // Every probe in flight listens on it.
  setMaxListeners(256, lifetime.signal);
  const target = await resolveRunTarget(deps.db, task, lifetime.signal);
  const locations = blobLocationsIn(deps.db, deps.now);
  const registry = target.registry;
  const seenFileContent = new Set<string>();

  const repositoryOf = (image: string) =>
    target.kind === 'cluster'
      ? `${target.cluster.remoteProjectId}/${target.cluster.remoteRepoName}/${image}`
      : `${target.namespace}/${image}`;

  const statImage = async (ref: ProbeArtifactRef): Promise<ArtifactStat> => {
    const repo = repositoryOf(ref.name);
    if (ref.version === null && ref.digest) {
      const found = await registry.manifestDigest(repo, ref.digest);
      return found ? { present: true, digest: found, size: null } : { present: false };
    }
    const tags = ref.targetVersion ? ref.targetVersion.split(',') : [ref.version ?? 'latest'];
    const probed: ProbedTag[] = [];
    for (const tag of tags) probed.push({ tag, digest: await registry.manifestDigest(repo, tag) });
    const present = probed.filter((each) => each.digest !== null);
    if (present.length === 0) return { present: false };
    const digests = new Set(present.map((each) => each.digest));
    const digest = digests.size === 1 && present.length === probed.length ? (present[0]?.digest ?? null) : null;
    return { present: true, digest, size: null, tags: probed };
  };

  const statFile = async (ref: ProbeArtifactRef, signal: AbortSignal): Promise<ArtifactStat> => {
    if (target.kind !== 'cluster') throw new RegistryError('files can only be distributed to a Ferry cluster', null, false);
    const stat = await headPeerFile(target.cluster, ref.name, signal);
    if (stat.present && stat.digest) seenFileContent.add(stat.digest);
    return stat;
  };

  const blobAt = async (repo: string, digest: string): Promise<boolean> => {
    try {
      return await registry.blobExists(repo, digest);
    } catch (error) {
      // A known home this account may not read (401/403) cannot be mounted from either.
      if (error instanceof RegistryError && (error.status === 401 || error.status === 403)) return false;
      throw error;
    }
  };

  const hasBlob = async (digest: string, image?: string): Promise<boolean> => {
    if (image === undefined) return seenFileContent.has(digest);
    const repo = repositoryOf(image);
    if (await blobAt(repo, digest)) return true;
    const homes = await locations.homes({ registry: registry.origin, digest, exceptRepository: repo, limit: MOUNT_CANDIDATES });
    for (const home of homes) if (await blobAt(home, digest)) return true;
    return false;
  };

  return {
    describe: target.describe,
    kind: target.kind,
    statArtifact: (ref, signal) => {
      const scoped = signal ? AbortSignal.any([lifetime.signal, signal]) : lifetime.signal;
      return untilAborted(ref.kind === 'FILE' ? statFile(ref, scoped) : statImage(ref), scoped);
    },
    hasBlob: (digest, signal, image) => untilAborted(hasBlob(digest, image), signal ?? lifetime.signal),
    close: () => lifetime.abort(new Error('the target probe was closed')),
  };
}

/**
 * The registry client's requests follow the probe's own signal (fixed when it is built); a caller's
 * signal ends the wait at once, and `close` then ends the requests themselves.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
