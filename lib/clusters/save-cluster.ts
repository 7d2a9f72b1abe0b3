import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { encryptSecret } from '../crypto/secret-box';
import type { Db } from '../db/client';
import { clusterNodes, replicaTasks } from '../db/schema';
import { AppError, insertedRow, isUniqueViolation } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import { type ClusterRow, getClusterOrThrow, toClusterInfo } from './queries';
import type { ClusterInfo, createClusterSchema, updateClusterSchema } from './schemas';

function duplicateName(name: string): AppError {
  return new AppError(ErrorCode.CLUSTER_NODE_EXISTS, `Cluster node [${name}] already exists`, 'name');
}

export async function createCluster(db: Db, input: z.output<typeof createClusterSchema>, actor: string): Promise<ClusterInfo> {
  const row = await insertedRow(
    db
      .insert(clusterNodes)
      .values({
        id: newRecordId(),
        name: input.name,
        url: input.url,
        username: input.username ?? null,
        passwordEncrypted: input.password ? encryptSecret(input.password) : null,
        certificate: input.certificate ?? null,
        type: input.type,
        createdBy: actor,
        lastModifiedBy: actor,
      })
      .returning(),
    () => duplicateName(input.name),
  );
  return toClusterInfo(row);
}

/** scheme://host:port of a cluster URL: what the stored password is bound to. */
function originOf(url: string): string | undefined {
  return URL.canParse(url) ? new URL(url).origin : undefined;
}

/**
 * A password not sent is kept only while the URL's scheme, host and port stay the same, so a
 * stored password never goes to a new host (the next tryConnect or run would send it there).
 */
function keptPassword(current: ClusterRow, input: z.output<typeof updateClusterSchema>): string | null {
  if (input.password) return encryptSecret(input.password);
  if (input.url !== undefined && originOf(input.url) !== originOf(current.url)) return null;
  return current.passwordEncrypted;
}

export async function updateCluster(db: Db, input: z.output<typeof updateClusterSchema>, actor: string): Promise<ClusterInfo> {
  const current = await getClusterOrThrow(db, input.id ? { id: input.id } : { name: input.name }, input.id ? 'id' : 'name');
  try {
    const [row] = await db
      .update(clusterNodes)
      .set({
        name: input.id && input.name ? input.name : current.name,
        url: input.url ?? current.url,
        username: input.username ?? current.username,
        passwordEncrypted: keptPassword(current, input),
        certificate: input.certificate === undefined ? current.certificate : input.certificate,
        type: input.type ?? current.type,
        // A changed address or credentials make the last health check meaningless.
        status: null,
        errorReason: null,
        lastModifiedBy: actor,
        lastModifiedAt: new Date(),
      })
      .where(eq(clusterNodes.id, current.id))
      .returning();
    if (!row) throw new Error('update returned no row');
    return toClusterInfo(row);
  } catch (error) {
    if (isUniqueViolation(error) && input.name) throw duplicateName(input.name);
    throw error;
  }
}

/** Refused while distribution configs or tasks still send to the cluster. */
export async function deleteCluster(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const cluster = await getClusterOrThrow(tx, { id });
    const users = await tx
      .select({ projectName: replicaTasks.projectName, repoName: replicaTasks.repoName, name: replicaTasks.name })
      .from(replicaTasks)
      .where(eq(replicaTasks.clusterId, id));
    if (users.length > 0) {
      const names = users.map((u) => `${u.projectName}/${u.repoName}/${u.name}`).join(', ');
      throw new AppError(
        ErrorCode.REQUEST_DENIED,
        `Cluster node [${cluster.name}] is the target of ${names}; delete or retarget them first`,
        'id',
      );
    }
    await tx.delete(clusterNodes).where(eq(clusterNodes.id, id));
  });
}
