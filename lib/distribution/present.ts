import type { StoredPackageConstraint } from '../db/schema';
import { executionProgress } from '../executions/present';
import type { ExecutionRow } from '../executions/queries';
import { formatLocalDateTime } from '../time/local-time';
import type { TaskRow } from './queries';

export type ExecutionSummary = {
  id: string;
  status: ExecutionRow['status'];
  trigger: ExecutionRow['trigger'];
  startTime: string | null;
  endTime: string | null;
  errorReason: string | null;
};

/**
 * A config's `setting` in the spec's shape. `formatTime` writes executeTime: wall time in
 * responses, an instant where the stored config is validated again.
 */
export function configSetting(row: TaskRow, formatTime: (time: Date | null) => string | null) {
  return {
    rateLimit: row.rateLimit,
    includeMetadata: row.includeMetadata,
    conflictStrategy: row.conflictStrategy,
    errorStrategy: row.errorStrategy,
    executionStrategy: row.executionStrategy,
    executionPlan: {
      executeImmediately: row.executeImmediately,
      executeTime: formatTime(row.executeTime),
      cronExpression: row.cronExpression,
    },
  };
}

/** The spec's config shape (heterogeneous and homogeneous), plus last run and next fire time. */
export function toConfigInfo(row: TaskRow, lastExecution: ExecutionRow | undefined) {
  return {
    projectId: row.projectName,
    repoName: row.repoName,
    name: row.name,
    taskKey: row.taskKey,
    clusterId: row.clusterId,
    remoteProjectId: row.remoteProjectId,
    remoteRepoName: row.remoteRepoName,
    registry: row.registry,
    certificate: row.certificate,
    username: row.username,
    // Secrets never leave the server; hasPassword tells forms whether one is stored.
    password: null,
    hasPassword: row.passwordEncrypted !== null,
    packageConstraints: row.packageConstraints.length ? row.packageConstraints.map(presentPackageConstraint) : null,
    pathConstraints: row.pathConstraints.length ? row.pathConstraints.map((path) => ({ path })) : null,
    replicaType: row.replicaType,
    setting: configSetting(row, formatLocalDateTime),
    description: row.description,
    enable: row.enabled,
    replicateDeletes: row.replicateDeletes,
    lastExecution: lastExecution ? toExecutionSummary(lastExecution) : null,
    nextFireTime: row.enabled ? formatLocalDateTime(row.nextFireAt) : null,
    // Ferry extension: the drift verify schedule and when it next checks.
    verifyCron: row.verifyCron,
    nextVerifyTime: row.enabled ? formatLocalDateTime(row.verifyNextAt) : null,
    createdBy: row.createdBy,
    createdDate: formatLocalDateTime(row.createdAt),
    lastModifiedBy: row.lastModifiedBy,
    lastModifiedDate: formatLocalDateTime(row.lastModifiedAt),
  };
}
export type ConfigInfo = ReturnType<typeof toConfigInfo>;

function presentPackageConstraint(constraint: StoredPackageConstraint) {
  return {
    packageKey: constraint.packageKey ?? null,
    packageName: constraint.packageName ?? null,
    versions: constraint.versions ?? null,
    targetVersions: constraint.targetVersions ?? null,
  };
}

function toExecutionSummary(row: ExecutionRow): ExecutionSummary {
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    startTime: formatLocalDateTime(row.startTime ?? row.queuedAt),
    endTime: formatLocalDateTime(row.endTime),
    errorReason: row.errorReason,
  };
}

/**
 * The run-once status endpoint speaks bk-repo's enum (RUNNING|SUCCESS|FAILED): a queued run is
 * RUNNING to a poller, a cancelled one FAILED with the reason saying so.
 */
export function toRunOnceStatus(row: ExecutionRow) {
  const status = row.status === 'QUEUED' ? 'RUNNING' : row.status === 'CANCELLED' ? 'FAILED' : row.status;
  return {
    id: row.id,
    taskKey: row.taskKey,
    status,
    startTime: formatLocalDateTime(row.startTime ?? row.queuedAt),
    endTime: formatLocalDateTime(row.endTime),
    errorReason: row.errorReason ?? (row.status === 'CANCELLED' ? 'cancelled' : null),
    replicatedBytes: row.doneBytes,
    totalBytes: row.totalBytes,
    progress: executionProgress(row),
  };
}
