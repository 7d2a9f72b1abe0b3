import { RegistryError } from '../oci-client/errors';
import { httpRequest } from '../remote/http-request';
import type { ClusterTarget } from '../runner/push-file';
import type { ArtifactStat } from './target-probe';

const encodePath = (fullPath: string) => fullPath.split('/').map(encodeURIComponent).join('/');
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * HEAD of a file through a peer Ferry's generic API (as lib/runner/push-file.ts checks before a
 * push): 404 = absent; 200 with X-Checksum-Sha256 (or the ETag, which is the sha256) = the peer's
 * copy. A 200 without either is a folder listing at that path: present, with no digest.
 */
export async function headPeerFile(target: ClusterTarget, fullPath: string, signal: AbortSignal): Promise<ArtifactStat> {
  const url = `${target.url}/generic/${encodeURIComponent(target.remoteProjectId)}/${encodeURIComponent(target.remoteRepoName)}${encodePath(fullPath)}`;
  const head = await httpRequest(url, {
    method: 'HEAD',
    headers: target.authorization ? { Authorization: target.authorization } : {},
    certificate: target.certificate,
    signal,
  });
  await head.body.dump();
  if (head.status === 404) return { present: false };
  if (head.status !== 200) {
    const host = new URL(target.url).host;
    const hint =
      head.status === 401 ? ': check the cluster username/password' : head.status === 403 ? ': the account may not read there' : '';
    throw new RegistryError(
      `${head.status} from cluster ${host} while checking ${fullPath}${hint}`,
      head.status,
      head.status === 429 || head.status >= 500,
    );
  }
  const sha = (head.header('x-checksum-sha256') ?? head.header('etag') ?? '').replace(/^W\//, '').replaceAll('"', '').toLowerCase();
  const length = Number(head.header('content-length'));
  if (!SHA256_HEX.test(sha)) return { present: true, digest: null, size: null };
  return { present: true, digest: `sha256:${sha}`, size: Number.isSafeInteger(length) && length >= 0 ? length : null };
}
