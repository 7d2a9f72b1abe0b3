import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { clusterNodes, executionDetails, type executions, type replicaTasks } from '../db/schema';

type ExecutionRow = typeof executions.$inferSelect;
type TaskRow = typeof replicaTasks.$inferSelect;

/** Artifacts listed in one notification; a bigger run says how many were left out. */
const MAX_PAYLOAD_ARTIFACTS = 1000;
const MAX_REASON_CHARS = 1000;

/** The artifacts a notification lists: those copied (or deleted) and those that failed. */
const LISTED_STATUSES = ['FAILED', 'UNSUPPORTED', 'SUCCESS'] as const;

const iso = (time: Date | null) => (time ? time.toISOString() : null);
const clip = (text: string | null) => (text && text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)}…` : text);

/** A URL without user-info: the payload names where Ferry copied to, never how it logs in there. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
  }
}

async function targetOf(db: Db, task: TaskRow) {
  if (task.registry) return { kind: 'registry' as const, registry: task.registry };
  const [node] = task.clusterId
    ? await db.select({ name: clusterNodes.name, url: clusterNodes.url }).from(clusterNodes).where(eq(clusterNodes.id, task.clusterId))
    : [];
  return {
    kind: 'cluster' as const,
    cluster: node?.name ?? null,
    url: node ? withoutCredentials(node.url) : null,
    remoteProjectId: task.remoteProjectId,
    remoteRepoName: task.remoteRepoName,
  };
}

/**
 * The JSON a finished run is announced with (before `event`/`events`, which differ per rule):
 * the run, its config or task, the target (address only), counts, bytes, and its copied and
 * failed artifacts — failed first, at most MAX_PAYLOAD_ARTIFACTS, with the total and a flag.
 */
export async function runPayload(db: Db, execution: ExecutionRow, task: TaskRow) {
  const listed = and(eq(executionDetails.executionId, execution.id), inArray(executionDetails.status, [...LISTED_STATUSES]));
  const [[total], rows, target] = await Promise.all([
    db.select({ n: count() }).from(executionDetails).where(listed),
    db
      .select()
      .from(executionDetails)
      .where(listed)
      .orderBy(sql`${executionDetails.status} = 'SUCCESS'`, asc(executionDetails.artifactName), asc(executionDetails.version))
      .limit(MAX_PAYLOAD_ARTIFACTS),
    targetOf(db, task),
  ]);
  const listedTotal = total?.n ?? 0;
  return {
    run: {
      id: execution.id,
      status: execution.status,
      trigger: execution.trigger,
      queuedTime: iso(execution.queuedAt),
      startTime: iso(execution.startTime),
      endTime: iso(execution.endTime),
      errorReason: clip(execution.errorReason),
      bytes: { done: execution.doneBytes, total: execution.totalBytes },
      counts: {
        total: execution.totalItems,
        succeeded: execution.doneItems,
        failed: execution.failedItems,
        skipped: execution.skippedItems,
        conflicts: execution.conflictItems,
      },
    },
    task: {
      kind: task.kind,
      projectId: task.projectName,
      repoName: task.repoName,
      name: task.name,
      taskKey: task.taskKey,
      replicaType: task.replicaType,
    },
    target,
    artifacts: rows.map((row) => ({
      kind: row.artifactKind,
      name: row.artifactName,
      version: row.version,
      targetVersion: row.targetVersion,
      digest: row.digest,
      size: row.size,
      operation: row.operation,
      status: row.status,
      errorReason: clip(row.errorReason),
    })),
    artifactsListed: rows.length,
    artifactsTotal: listedTotal,
    artifactsTruncated: listedTotal > rows.length,
  };
}
