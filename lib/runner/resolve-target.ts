import { getClusterOrThrow } from '../clusters/queries';
import { decryptSecret } from '../crypto/secret-box';
import type { Db } from '../db/client';
import type { TaskRow } from '../distribution/queries';
import { parseRegistryAddress } from '../distribution/registry-address';
import { RegistryClient, type RegistryEndpoint } from '../oci-client/registry-client';
import { basicAuthorization } from '../remote/http-client';
import { httpRequest } from '../remote/http-request';
import { readLimitedText } from '../remote/read-limited';
import type { ClusterTarget } from './push-file';

export type RunTarget =
  | {
      kind: 'cluster';
      cluster: ClusterTarget;
      registry: RegistryClient;
      describe: string;
      /** The cluster's name: the `target` label of the transfer metrics. */
      name: string;
      ensureRemoteRepository: (type: 'GENERIC' | 'DOCKER') => Promise<void>;
    }
  | { kind: 'registry'; registry: RegistryClient; namespace: string; describe: string; name: string };

/** Builds the clients a run talks to, with credentials decrypted only here, in memory. */
export async function resolveRunTarget(db: Db, task: TaskRow, signal: AbortSignal): Promise<RunTarget> {
  const password = task.passwordEncrypted ? decryptSecret(task.passwordEncrypted) : null;
  if (task.clusterId) {
    const node = await getClusterOrThrow(db, { id: task.clusterId });
    const clusterPassword = node.passwordEncrypted ? decryptSecret(node.passwordEncrypted) : null;
    const cluster: ClusterTarget = {
      url: node.url,
      authorization: basicAuthorization(node.username, clusterPassword),
      certificate: node.certificate,
      remoteProjectId: task.remoteProjectId ?? '',
      remoteRepoName: task.remoteRepoName ?? '',
    };
    let ensured: Promise<void> | undefined;
    return {
      kind: 'cluster',
      cluster,
      describe: `cluster ${node.name}`,
      name: node.name,
      registry: new RegistryClient({
        endpoint: endpointOf(node.url),
        credentials: { username: node.username, password: clusterPassword },
        certificate: node.certificate,
        signal,
      }),
      ensureRemoteRepository: (type) => {
        ensured ??= ensureRemoteRepository(cluster, type, signal);
        return ensured;
      },
    };
  }
  const address = parseRegistryAddress(task.registry ?? '');
  if ('error' in address) throw new Error(`registry ${task.registry} is invalid: ${address.error}`);
  return {
    kind: 'registry',
    namespace: address.namespace,
    describe: `registry ${address.host}`,
    name: address.host,
    // The parsed address is the client's endpoint: host and scheme are not parsed again.
    registry: new RegistryClient({
      endpoint: address,
      credentials: { username: task.username, password },
      certificate: task.certificate,
      signal,
    }),
  };
}

/** A cluster's /v2/ API is at the root of its URL. */
function endpointOf(url: string): RegistryEndpoint {
  const parsed = new URL(url);
  return { scheme: parsed.protocol === 'http:' ? 'http' : 'https', host: parsed.host };
}

/** Creates the remote project and repository when missing (bk-repo's cluster replication does too). */
async function ensureRemoteRepository(cluster: ClusterTarget, type: 'GENERIC' | 'DOCKER', signal: AbortSignal): Promise<void> {
  const headers = { 'Content-Type': 'application/json', ...(cluster.authorization ? { Authorization: cluster.authorization } : {}) };
  const post = async (path: string, body: unknown) => {
    const response = await httpRequest(`${cluster.url}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      certificate: cluster.certificate,
      signal,
    });
    const { text } = await readLimitedText(response.body);
    // 409 = exists already, which is what we want.
    if (response.status !== 200 && response.status !== 409) {
      const host = new URL(cluster.url).host;
      const hint = response.status === 401 ? ': check the cluster username/password' : '';
      throw new Error(
        `${response.status} from cluster ${host} while creating ${path.includes('project') ? 'the remote project' : 'the remote repository'}${hint} ${text.slice(0, 200)}`,
      );
    }
  };
  // An account that may only write into an existing repository (no right to create projects) is enough.
  if (await remoteRepositoryExists(cluster, signal)) return;
  await post('/repository/api/project/create', { name: cluster.remoteProjectId, displayName: cluster.remoteProjectId });
  await post('/repository/api/repo/create', { projectId: cluster.remoteProjectId, name: cluster.remoteRepoName, type });
}

async function remoteRepositoryExists(cluster: ClusterTarget, signal: AbortSignal): Promise<boolean> {
  const response = await httpRequest(`${cluster.url}/repository/api/repo/list/${encodeURIComponent(cluster.remoteProjectId)}`, {
    headers: cluster.authorization ? { Authorization: cluster.authorization } : {},
    certificate: cluster.certificate,
    signal,
  });
  const { text } = await readLimitedText(response.body);
  if (response.status !== 200) return false;
  try {
    const repositories = (JSON.parse(text) as { data?: Array<{ name?: string }> }).data ?? [];
    return repositories.some((repository) => repository.name === cluster.remoteRepoName);
  } catch {
    return false;
  }
}
