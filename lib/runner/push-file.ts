import type { Readable } from 'node:stream';
import { RegistryError } from '../oci-client/errors';
import { httpRequest } from '../remote/http-request';
import { readLimitedText } from '../remote/read-limited';
import type { RateLimiter } from './rate-limiter';
import { ConflictError, type ConflictStrategy, type TransferOutcome } from './transfer-outcome';

export type ClusterTarget = {
  url: string;
  authorization?: string;
  certificate?: string | null;
  remoteProjectId: string;
  remoteRepoName: string;
};
export type SourceFile = { fullPath: string; sha256: string; md5: string; size: number; metadata: Record<string, string> };

const encodePath = (fullPath: string) => fullPath.split('/').map(encodeURIComponent).join('/');

function clusterError(status: number, host: string, action: string): RegistryError {
  const hint =
    status === 401
      ? 'check the cluster username/password'
      : status === 404
        ? 'check the remote project and repository'
        : status >= 500
          ? 'the cluster failed'
          : 'unexpected answer';
  return new RegistryError(`${status} from cluster ${host} while ${action}: ${hint}`, status, status === 429 || status >= 500);
}

/**
 * Copies one file to another Ferry through its public generic API: HEAD first (identical sha256
 * → nothing sent), then a streaming PUT with X-BKREPO-SHA256 so the remote verifies the bytes.
 */
export async function pushFile(options: {
  target: ClusterTarget;
  file: SourceFile;
  includeMetadata: boolean;
  conflictStrategy: ConflictStrategy;
  open: () => Promise<Readable>;
  limiter: RateLimiter;
  onBytes: (bytes: number) => void;
  signal?: AbortSignal;
}): Promise<TransferOutcome> {
  const { target, file } = options;
  const url = `${target.url}/generic/${encodeURIComponent(target.remoteProjectId)}/${encodeURIComponent(target.remoteRepoName)}${encodePath(file.fullPath)}`;
  const host = new URL(target.url).host;
  const auth: Record<string, string> = target.authorization ? { Authorization: target.authorization } : {};
  const head = await httpRequest(url, { method: 'HEAD', headers: auth, certificate: target.certificate, signal: options.signal });
  await head.body.dump();
  let overwrite = false;
  if (head.status === 200) {
    const remoteSha = (head.header('x-checksum-sha256') ?? head.header('etag') ?? '').replace(/^W\//, '').replaceAll('"', '');
    if (remoteSha === file.sha256) return { status: 'SUCCESS', conflict: false, bytesSent: 0 };
    if (options.conflictStrategy === 'FAST_FAIL') throw new ConflictError(file.fullPath);
    if (options.conflictStrategy === 'SKIP') return { status: 'SKIPPED', conflict: true, bytesSent: 0 };
    overwrite = true;
  } else if (head.status !== 404) {
    throw clusterError(head.status, host, `checking ${file.fullPath}`);
  }
  const headers: Record<string, string> = {
    ...auth,
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(file.size),
    'X-BKREPO-SHA256': file.sha256,
    'X-BKREPO-MD5': file.md5,
    'X-BKREPO-OVERWRITE': String(overwrite),
  };
  if (options.includeMetadata && Object.keys(file.metadata).length > 0) {
    headers['X-BKREPO-META'] = Buffer.from(new URLSearchParams(file.metadata).toString()).toString('base64');
  }
  if (file.size >= LINK_MIN_BYTES && (await linkAtPeer(url, headers, options))) return { status: 'SUCCESS', conflict: false, bytesSent: 0 };
  let bytesSent = 0;
  const body = (await options.open()).pipe(
    options.limiter.throttle((bytes) => {
      bytesSent += bytes;
      options.onBytes(bytes);
    }),
  );
  const put = await httpRequest(url, { method: 'PUT', headers, body, certificate: target.certificate, signal: options.signal });
  await put.body.dump();
  if (put.status !== 200 && put.status !== 201) throw clusterError(put.status, host, `uploading ${file.fullPath}`);
  return { status: 'SUCCESS', conflict: false, bytesSent };
}

/** Below this, sending the bytes costs about what asking the peer does: small files skip the link request. */
export const LINK_MIN_BYTES = 64 * 1024;

/**
 * Ferry extension: a PUT with `X-Ferry-Link-Sha256` and no body makes the peer create the file
 * from content it already holds in a repository this account may read. Any refusal (not held, a
 * peer without the extension, which fails the empty body's sha256) falls back to sending the
 * bytes; only a failing peer (5xx, 429) is an error, retried like any other.
 */
async function linkAtPeer(
  url: string,
  headers: Record<string, string>,
  options: { target: ClusterTarget; file: SourceFile; signal?: AbortSignal },
): Promise<boolean> {
  const { file, target } = options;
  const response = await httpRequest(url, {
    method: 'PUT',
    headers: { ...headers, 'Content-Length': '0', 'X-Ferry-Link-Sha256': file.sha256 },
    certificate: target.certificate,
    signal: options.signal,
  });
  const { text } = await readLimitedText(response.body);
  if (response.status >= 500 || response.status === 429) {
    throw clusterError(response.status, new URL(target.url).host, `linking ${file.fullPath}`);
  }
  if (response.status !== 200 && response.status !== 201) return false;
  // Trust a link only when the node the peer reports is this content.
  const node = parseNode(text);
  return node?.sha256 === file.sha256 && node.size === file.size;
}

function parseNode(text: string): { sha256?: string; size?: number } | undefined {
  try {
    return (JSON.parse(text) as { data?: { sha256?: string; size?: number } }).data;
  } catch {
    return undefined;
  }
}
