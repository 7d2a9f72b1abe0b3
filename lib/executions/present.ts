import type { executionDetails } from '../db/schema';
import { formatLocalDateTime } from '../time/local-time';
import type { ExecutionRow } from './queries';

export function toExecutionInfo(row: ExecutionRow) {
  return {
    id: row.id,
    taskKey: row.taskKey,
    status: row.status,
    trigger: row.trigger,
    queuedTime: formatLocalDateTime(row.queuedAt),
    startTime: formatLocalDateTime(row.startTime),
    endTime: formatLocalDateTime(row.endTime),
    errorReason: row.errorReason,
    progress: executionProgress(row),
  };
}

/** One run as `execution/info` answers it: with its project, so the UI can tell what the caller may do. */
export function toExecutionInProject(row: ExecutionRow, task: { projectId: string; repoName: string } | null) {
  return { ...toExecutionInfo(row), projectId: task?.projectId ?? null, repoName: task?.repoName ?? null };
}

/** Items and bytes of a run, as every API that reports one shows them. */
export function executionProgress(row: ExecutionRow) {
  return {
    totalItems: row.totalItems,
    doneItems: row.doneItems,
    failedItems: row.failedItems,
    skippedItems: row.skippedItems,
    conflictItems: row.conflictItems,
    totalBytes: row.totalBytes,
    doneBytes: row.doneBytes,
  };
}

export function toExecutionDetail(row: typeof executionDetails.$inferSelect) {
  return {
    id: row.id,
    artifactKind: row.artifactKind,
    artifactName: row.artifactName,
    version: row.version,
    targetVersion: row.targetVersion,
    size: row.size,
    digest: row.digest,
    /** Set on a signature, attestation or SBOM that travels with an image: that image's digest. */
    subjectDigest: row.subjectDigest,
    artifactType: row.artifactType,
    status: row.status,
    /** COPY, or DELETE: a deletion at the source replicated to the target (replicateDeletes). */
    operation: row.operation,
    conflict: row.conflict,
    bytesDone: row.bytesDone,
    errorReason: row.errorReason,
    startTime: formatLocalDateTime(row.startTime),
    endTime: formatLocalDateTime(row.endTime),
  };
}

// The UI hooks type their responses with these, so the browser's shapes follow the server's.
export type ExecutionInfo = ReturnType<typeof toExecutionInfo>;
export type ExecutionInProject = ReturnType<typeof toExecutionInProject>;
export type ExecutionProgress = ReturnType<typeof executionProgress>;
export type ExecutionDetail = ReturnType<typeof toExecutionDetail>;
