import type { Db } from '../db/client';
import type { TaskRow } from '../distribution/queries';
import { httpRequest } from '../remote/http-request';
import { readLimitedText } from '../remote/read-limited';
import type { ClusterTarget } from '../runner/push-file';
import { type RunTarget, resolveRunTarget } from '../runner/resolve-target';
import { openTargetProbe, type ProbeArtifactRef } from '../target-probe/target-probe';
import type { SourceArtifact, TargetStat } from './compare';

/** Beyond this many target tags an image is not compared for extras (a check has a budget anyway). */
const MAX_TAGS_LISTED = 10_000;

/** A target file: its path and sha256, as a peer Ferry lists it. */
type TargetFile = { fullPath: string; sha256: string | null };

/** The read-only view of a config's target a drift check needs (HEAD and GET only). */
export type DriftTarget = {
  describe: string;
  /** What the target holds under the artifact's name (each target tag, for a retagged image). */
  stat: (artifact: SourceArtifact) => Promise<TargetStat>;
  /** The tags of an image at the target. */
  listImageTags: (image: string) => Promise<string[]>;
  /** The files under a folder at a peer Ferry (none for a registry). */
  listFiles: (folder: string) => Promise<TargetFile[]>;
  close: () => void;
};

/** Files a check lists at a peer, at most: beyond this the listing of extras stops. */
const MAX_LISTED_FILES = 100_000;
const NODE_PAGE = 200;
/** A node page of 200 records fits (metadata included). */
const NODE_PAGE_BYTES = 2 * 1024 * 1024;

const encodePath = (fullPath: string) => fullPath.split('/').map(encodeURIComponent).join('/');

/**
 * Opens the config's target for reading, with the credentials the runner uses (decrypted in
 * memory): artifacts are looked up through lib/target-probe (the dry-run plan's probe, HEAD only),
 * the listings of the scope through the registry's tags/list and the peer's folder listing.
 */
export async function openDriftTarget(db: Db, task: TaskRow, signal: AbortSignal): Promise<DriftTarget> {
  const probe = await openTargetProbe({ db }, task);
  const target = await resolveRunTarget(db, task, signal);
  const repoOf = (image: string) => imageRepository(target, image);
  return {
    describe: target.describe,
    stat: async (artifact) => {
      const ref: ProbeArtifactRef = {
        kind: artifact.kind,
        name: artifact.name,
        version: artifact.version,
        targetVersion: artifact.targetVersion,
        digest: artifact.digest,
      };
      const stat = await probe.statArtifact(ref, signal);
      if (!stat.present || !stat.tags) return stat;
      // A retagged image is in sync only when every target tag is: the first gap or difference decides.
      if (stat.tags.some((tag) => tag.digest === null)) return { present: false };
      const other = stat.tags.find((tag) => tag.digest !== artifact.digest);
      return { present: true, digest: other?.digest ?? artifact.digest, size: null };
    },
    listImageTags: async (image) => {
      const tags = await target.registry.listTags(repoOf(image), MAX_TAGS_LISTED);
      if (tags === null) throw new Error(`${repoOf(image)} has over ${MAX_TAGS_LISTED} tags at the target: too many to compare`);
      return tags;
    },
    listFiles: async (folder) => (target.kind === 'cluster' ? listPeerFiles(target.cluster, folder, signal) : []),
    close: () => probe.close(),
  };
}

/** Where the runner pushes an image: under the remote project/repository, or the registry namespace. */
function imageRepository(target: RunTarget, image: string): string {
  return target.kind === 'cluster'
    ? `${target.cluster.remoteProjectId}/${target.cluster.remoteRepoName}/${image}`
    : `${target.namespace}/${image}`;
}

const authOf = (cluster: ClusterTarget): Record<string, string> => (cluster.authorization ? { Authorization: cluster.authorization } : {});

function peerError(status: number, cluster: ClusterTarget, action: string): Error {
  const hint = status === 401 ? ': check the cluster username/password' : status === 403 ? ': the cluster account may not read it' : '';
  return new Error(`${status} from cluster ${new URL(cluster.url).host} while ${action}${hint}`);
}

type NodeRecord = { fullPath?: unknown; folder?: unknown; sha256?: unknown };

/**
 * Every file under `folder` at a peer Ferry, through its folder listing
 * (GET /repository/api/node/page/{project}/{repo}/{path}), one folder at a time.
 * An absent folder holds nothing; a path that is a file there is not a folder of extras.
 */
async function listPeerFiles(cluster: ClusterTarget, folder: string, signal: AbortSignal): Promise<TargetFile[]> {
  const files: TargetFile[] = [];
  const folders = [folder];
  while (folders.length > 0 && files.length < MAX_LISTED_FILES) {
    const current = folders.shift() ?? '/';
    for (let pageNumber = 1; ; pageNumber++) {
      const url = `${cluster.url}/repository/api/node/page/${encodeURIComponent(cluster.remoteProjectId)}/${encodeURIComponent(cluster.remoteRepoName)}${current === '/' ? '' : encodePath(current)}?pageNumber=${pageNumber}&pageSize=${NODE_PAGE}&includeFolder=true`;
      const response = await httpRequest(url, { headers: authOf(cluster), certificate: cluster.certificate, signal });
      const { text, truncated } = await readLimitedText(response.body, NODE_PAGE_BYTES);
      // 404: no such folder (or repository) there; 400: the path is a file at the peer.
      if (response.status === 404 || response.status === 400) break;
      if (response.status !== 200) throw peerError(response.status, cluster, `listing ${current}`);
      if (truncated) throw new Error(`cluster ${new URL(cluster.url).host} sent a listing of ${current} over ${NODE_PAGE_BYTES} bytes`);
      const records = parseRecords(text);
      for (const record of records) {
        if (typeof record.fullPath !== 'string') continue;
        if (record.folder === true) folders.push(record.fullPath);
        else files.push({ fullPath: record.fullPath, sha256: typeof record.sha256 === 'string' ? record.sha256 : null });
      }
      if (records.length < NODE_PAGE) break;
    }
  }
  return files;
}

function parseRecords(text: string): NodeRecord[] {
  try {
    const records = (JSON.parse(text) as { data?: { records?: unknown } }).data?.records;
    return Array.isArray(records) ? (records as NodeRecord[]) : [];
  } catch {
    return [];
  }
}
