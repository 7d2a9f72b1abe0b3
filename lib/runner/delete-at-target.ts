import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { artifactEvents } from '../db/schema';
import { existsAtSource } from '../deletions/exists-at-source';
import type { ExecutionDetailRow } from '../executions/queries';
import { RegistryError } from '../oci-client/errors';
import type { RegistryClient } from '../oci-client/registry-client';
import { httpRequest } from '../remote/http-request';
import type { ClusterTarget } from './push-file';
import type { TransferOutcome } from './transfer-outcome';

/** Tags of the target image checked for a shared digest; beyond, a digest delete is not risked. */
const MAX_TAGS_CHECKED = 1000;

/** Deleted, or already absent at the target (idempotent). */
const done = (): TransferOutcome => ({ status: 'SUCCESS', conflict: false, bytesSent: 0 });
const skipped = (reason: string): TransferOutcome => ({ status: 'SKIPPED', conflict: false, bytesSent: 0, reason });
const unsupported = (reason: string): TransferOutcome => ({ status: 'UNSUPPORTED', conflict: false, bytesSent: 0, reason });

type Source = { db: Db; projectName: string; repoName: string };

/**
 * A DELETE detail: removes at the target the file or tag deleted at the source. Idempotent:
 * already absent at the target is a SUCCESS, so a retried or repeated run is harmless. An artifact
 * that exists at the source again (re-created since) is left alone.
 */
export async function deleteAtTarget(
  source: Source,
  detail: Pick<ExecutionDetailRow, 'artifactKind' | 'artifactName' | 'version' | 'digest'>,
  target: { file?: ClusterTarget; registry: RegistryClient; targetRepo: string },
  signal?: AbortSignal,
): Promise<TransferOutcome> {
  if (await existsAtSource(source.db, source, detail)) return skipped('not deleted: it exists at the source again');
  if (detail.artifactKind === 'FILE') {
    if (!target.file) throw new Error('files can only be distributed to a Ferry cluster');
    return deleteFileAtPeer(target.file, detail.artifactName, detail.digest, signal);
  }
  return deleteTag(
    { ...source, image: detail.artifactName },
    target.registry,
    target.targetRepo,
    detail.version ?? 'latest',
    detail.digest,
  );
}

const bare = (digest: string) => digest.replace(/^sha256:/, '');

/**
 * What the target holds under the name is not what was deleted at the source (a SKIP conflict kept
 * the target's own, or someone wrote it there): it is not Ferry's copy, so it is not Ferry's to delete.
 */
const differsFromDeleted = (deleted: string | null, atTarget: string | null) =>
  deleted !== null && atTarget !== null && bare(deleted) !== bare(atTarget);
const notOurs = (what: string) => skipped(`not deleted: the target's ${what} differs from what was deleted at the source`);

const encodePath = (fullPath: string) => fullPath.split('/').map(encodeURIComponent).join('/');

/** A peer Ferry's generic API: HEAD (a file, not a folder?), then DELETE. */
async function deleteFileAtPeer(
  target: ClusterTarget,
  path: string,
  deleted: string | null,
  signal?: AbortSignal,
): Promise<TransferOutcome> {
  const url = `${target.url}/generic/${encodeURIComponent(target.remoteProjectId)}/${encodeURIComponent(target.remoteRepoName)}${encodePath(path)}`;
  const host = new URL(target.url).host;
  const auth: Record<string, string> = target.authorization ? { Authorization: target.authorization } : {};
  const head = await httpRequest(url, { method: 'HEAD', headers: auth, certificate: target.certificate, signal });
  await head.body.dump();
  if (head.status === 404) return done();
  if (head.status !== 200) throw peerError(head.status, host, `checking ${path}`);
  // A DELETE of a folder would take everything under it: only a file (it has a checksum) is deleted.
  const checksum = head.header('x-checksum-sha256');
  if (!checksum) return skipped(`not deleted: ${path} is a folder at the target, not a file`);
  if (differsFromDeleted(deleted, checksum)) return notOurs(path);
  const response = await httpRequest(url, { method: 'DELETE', headers: auth, certificate: target.certificate, signal });
  await response.body.dump();
  if (response.status === 200 || response.status === 204 || response.status === 404) return done();
  throw peerError(response.status, host, `deleting ${path}`);
}

function peerError(status: number, host: string, action: string): RegistryError {
  const hint = status === 401 || status === 403 ? ': check the cluster account (it needs MAINTAINER on the remote project)' : '';
  return new RegistryError(`${status} from cluster ${host} while ${action}${hint}`, status, status === 429 || status >= 500);
}

/**
 * distribution-spec §"Deleting tags": DELETE by tag where the target can (a peer Ferry can). Else
 * §"Deleting Manifests" by the tag's digest (HEAD first), which removes every tag on that digest:
 * it is done only when no other target tag shares the digest, or when each one that does was
 * deleted at the source as well; otherwise the tag is left and the outcome is UNSUPPORTED.
 */
async function deleteTag(
  source: Source & { image: string },
  registry: RegistryClient,
  repo: string,
  tag: string,
  deleted: string | null,
): Promise<TransferOutcome> {
  const digest = await registry.manifestDigest(repo, tag);
  if (!digest) return done();
  if (differsFromDeleted(deleted, digest)) return notOurs(`${repo}:${tag}`);
  const byTag = await registry.deleteManifest(repo, tag);
  if (byTag.result !== 'REFUSED') return done();
  const tags = await registry.listTags(repo, MAX_TAGS_CHECKED);
  if (tags === null) {
    return unsupported(`${registry.host} deletes by digest only and ${repo} has over ${MAX_TAGS_CHECKED} tags to check: not deleted`);
  }
  const sharing: string[] = [];
  for (const other of tags) {
    if (other !== tag && (await registry.manifestDigest(repo, other)) === digest) sharing.push(other);
  }
  const kept: string[] = [];
  for (const other of sharing) if (!(await deletedAtSource(source, other))) kept.push(other);
  if (kept.length > 0) {
    return unsupported(
      `${registry.host} deletes by digest only, and ${digest} also carries tag${kept.length > 1 ? 's' : ''} ${kept.join(', ')}: not deleted, so as not to remove them too`,
    );
  }
  const byDigest = await registry.deleteManifest(repo, digest);
  if (byDigest.result === 'REFUSED') return unsupported(`${registry.host} refuses to delete manifests (${byDigest.detail})`);
  return done();
}

/** The source no longer has this tag, and its outbox says it was deleted there (not a tag only the target ever had). */
async function deletedAtSource(source: Source & { image: string }, tag: string): Promise<boolean> {
  if (await existsAtSource(source.db, source, { artifactKind: 'IMAGE', artifactName: source.image, version: tag })) return false;
  const [event] = await source.db
    .select({ id: artifactEvents.id })
    .from(artifactEvents)
    .where(
      and(
        eq(artifactEvents.projectName, source.projectName),
        eq(artifactEvents.repoName, source.repoName),
        eq(artifactEvents.type, 'VERSION_DELETED'),
        eq(artifactEvents.path, source.image),
        eq(artifactEvents.version, tag),
      ),
    )
    .limit(1);
  return event !== undefined;
}
