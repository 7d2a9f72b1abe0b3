import { eq } from 'drizzle-orm';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../db/client';
import { replicaTasks } from '../db/schema';
import { findLatestExecution } from '../executions/queries';
import { AppError } from '../http/app-error';
import { newRecordId, newTaskKey } from '../ids/new-id';
import { getRepositoryOrThrow } from '../projects/queries';
import { toRunOnceStatus } from './present';
import { assertNotRunning, findTask, getTaskOrThrow, type TaskIdentity } from './queries';
import { queueRun } from './queue-run';
import type { RepoChange } from './repo-change';
import type { RunOnceTask } from './schemas';
import { resolveTarget } from './task-values';

type RepoRef = { projectName: string; repoName: string };
const identity = (ref: RepoRef, name: string): TaskIdentity => ({ ...ref, kind: 'RUN_ONCE', name });

/**
 * Creates a run-once task, or redefines it when the name exists and is not running.
 * Like bk-repo, run-once tasks overwrite conflicting targets and continue past failed artifacts.
 */
export async function createRunOnceTask(db: Db, options: RepoChange & { task: RunOnceTask }): Promise<void> {
  const { task } = options;
  await db.transaction(async (tx) => {
    const repository = await getRepositoryOrThrow(tx, options.projectName, options.repoName);
    if (task.targetVersions && repository.type !== 'DOCKER') {
      throw AppError.invalid(
        'targetVersions',
        `only for images; repository ${options.projectName}/${options.repoName} is ${repository.type}`,
      );
    }
    const existing = await findTask(tx, identity(options, task.name));
    if (existing) await assertNotRunning(tx, existing);
    await options.audit?.record(tx, { resource: `task/${options.projectName}/${options.repoName}/${task.name}` });
    const target = await resolveTarget(tx, task, { repository, existing, fieldPrefix: '' });
    const definition = {
      ...target,
      packageConstraints: task.packageName
        ? [{ packageName: task.packageName, versions: task.versions, targetVersions: task.targetVersions }]
        : [],
      pathConstraints: task.pathConstraints,
      description: task.description ?? null,
      lastModifiedBy: options.actor,
      lastModifiedAt: options.now,
    };
    if (existing) {
      await tx.update(replicaTasks).set(definition).where(eq(replicaTasks.id, existing.id));
      return;
    }
    await tx.insert(replicaTasks).values({
      ...definition,
      id: newRecordId(),
      taskKey: newTaskKey(),
      kind: 'RUN_ONCE',
      projectName: options.projectName,
      repoName: options.repoName,
      name: task.name,
      replicaType: 'RUN_ONCE',
      conflictStrategy: 'OVERWRITE',
      errorStrategy: 'CONTINUE',
      executionStrategy: 'IMMEDIATELY',
      createdBy: options.actor,
    });
  });
}

/** Queues a run and returns at once; 250303 when one is already queued or running. */
export async function executeRunOnceTask(db: Db, options: RepoRef & { name: string; now: Date }): Promise<{ executionId: string }> {
  await getRepositoryOrThrow(db, options.projectName, options.repoName);
  return queueRun(db, identity(options, options.name), 'MANUAL', options.now);
}

/** The latest execution with progress, or null before the first execute. */
export async function getRunOnceTaskStatus(db: Db, options: RepoRef & { name: string }) {
  await getRepositoryOrThrow(db, options.projectName, options.repoName);
  const task = await getTaskOrThrow(db, identity(options, options.name));
  const latest = await findLatestExecution(db, task.taskKey);
  return latest ? toRunOnceStatus(latest) : null;
}

/** Deletes a finished task; an unknown name is a successful no-op, as in bk-repo. */
export async function deleteRunOnceTask(db: Db, options: RepoRef & { name: string; audit?: AuditTrail }): Promise<void> {
  await db.transaction(async (tx) => {
    await getRepositoryOrThrow(tx, options.projectName, options.repoName);
    const task = await findTask(tx, identity(options, options.name));
    if (!task) return;
    await assertNotRunning(tx, task);
    await tx.delete(replicaTasks).where(eq(replicaTasks.id, task.id));
    await options.audit?.record(tx, { resource: `task/${options.projectName}/${options.repoName}/${options.name}` });
  });
}
