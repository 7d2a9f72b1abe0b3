import { eq } from 'drizzle-orm';
import { decryptSecret } from '../crypto/secret-box';
import type { Db } from '../db/client';
import { clusterNodes } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { log } from '../http/log';
import { basicAuthorization, describeNetworkError, networkErrorDetail, type RemoteFetch } from '../remote/http-client';
import { readLimitedText } from '../remote/read-limited';
import { FERRY_PRODUCT } from '../version';
import { type ClusterRow, getClusterOrThrow, toClusterInfo } from './queries';
import type { ClusterInfo } from './schemas';

/**
 * Checks that the node answers as a Ferry cluster and accepts its credentials, and records
 * HEALTHY or UNHEALTHY with the reason. An unhealthy node is a 250301 error for the caller.
 */
export async function tryConnectCluster(db: Db, name: string, deps: { fetch: RemoteFetch; now?: () => Date }): Promise<ClusterInfo> {
  const cluster = await getClusterOrThrow(db, { name }, 'name');
  const errorReason = await probeCluster(cluster, deps.fetch);
  const [row] = await db
    .update(clusterNodes)
    .set({ status: errorReason ? 'UNHEALTHY' : 'HEALTHY', errorReason, lastCheckedAt: deps.now?.() ?? new Date() })
    .where(eq(clusterNodes.id, cluster.id))
    .returning();
  if (errorReason) {
    throw new AppError(ErrorCode.REMOTE_CLUSTER_CONNECT_ERROR, `Cluster node [${name}] is unhealthy: ${errorReason}`);
  }
  if (!row) throw new Error('cluster vanished during tryConnect');
  return toClusterInfo(row);
}

/** Returns null when healthy, else a reason a user can act on. */
async function probeCluster(cluster: ClusterRow, fetch: RemoteFetch): Promise<string | null> {
  const url = `${cluster.url}/replication/api/version`;
  const password = cluster.passwordEncrypted ? decryptSecret(cluster.passwordEncrypted) : null;
  const authorization = basicAuthorization(cluster.username, password);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Accept: 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      certificate: cluster.certificate,
      timeoutMs: 5_000,
    });
  } catch (error) {
    // The caller sees "not reachable"; why (refused, timeout, DNS) is for the operator's log only.
    log('warn', 'cluster not reachable', { cluster: cluster.name, target: new URL(url).host, ...networkErrorDetail(error) });
    return describeNetworkError(error, url);
  }
  if (response.status === 401) {
    await response.body?.cancel();
    return `401 from ${new URL(url).host}: check the username/password`;
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    // Not followed: the Authorization header would go to wherever the redirect points.
    return `${response.status} redirect from ${url}: enter the URL of the Ferry server itself`;
  }
  if (!response.ok) {
    await response.body?.cancel();
    return `${response.status} from ${url}: not a Ferry cluster API`;
  }
  const { text, truncated } = await readLimitedText(response.body).catch(() => ({ text: '', truncated: false }));
  if (truncated) return `${url} answered with more than 64 KiB: not a Ferry cluster`;
  let body: { data?: { product?: string } } | null = null;
  try {
    body = JSON.parse(text) as { data?: { product?: string } } | null;
  } catch {
    body = null;
  }
  if (body?.data?.product !== FERRY_PRODUCT) return `${url} answered, but not as a Ferry cluster`;
  return null;
}
