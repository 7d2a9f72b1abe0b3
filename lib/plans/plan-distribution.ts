import type { Db } from '../db/client';
import { findTask, getTaskOrThrow, type TaskRow, type TaskValues } from '../distribution/queries';
import { configValues } from '../distribution/save-configs';
import { distributionConfigSchema } from '../distribution/schemas';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { parseOrThrow } from '../http/validation';
import { getRepositoryOrThrow, type RepositoryRow } from '../projects/queries';
import { type PlanDeps, planTask } from './plan-task';
import { type Plan, type PlanRequest, planSchema } from './schemas';

export type PlanDistributionOptions = {
  projectName: string;
  repoName: string;
  request: PlanRequest;
  actor: string;
};

/**
 * The dry-run plan of a saved config or run-once task (`name`, `kind` to choose), or of an unsaved
 * config body (`config`, validated as create validates it). Nothing is written, here or at the target.
 */
export async function planDistribution(deps: PlanDeps, options: PlanDistributionOptions): Promise<Plan> {
  const { db } = deps;
  const repository = await getRepositoryOrThrow(db, options.projectName, options.repoName);
  const { request } = options;
  if (request.config !== undefined) {
    const task = await unsavedConfigRow(db, repository, request.config, { actor: options.actor, now: deps.now() });
    return planSchema.parse(await planTask(deps, { task, repository, name: null }));
  }
  const task = await savedTask(db, repository, request.name ?? '', request.kind);
  // Through the output schema: the answer carries only the plan's fields (no task row, no secret).
  return planSchema.parse(await planTask(deps, { task, repository, name: task.name }));
}

async function savedTask(db: Db, repository: RepositoryRow, name: string, kind: TaskRow['kind'] | undefined): Promise<TaskRow> {
  const identity = { projectName: repository.projectName, repoName: repository.name, name };
  if (kind) return getTaskOrThrow(db, { ...identity, kind });
  // Without `kind`, a config of that name wins; else a run-once task.
  const found = (await findTask(db, { ...identity, kind: 'CONFIG' })) ?? (await findTask(db, { ...identity, kind: 'RUN_ONCE' }));
  if (!found) {
    throw new AppError(
      ErrorCode.REPLICA_TASK_NOT_FOUND,
      `No distribution config or run-once task [${name}] in ${repository.projectName}/${repository.name}`,
      'name',
    );
  }
  return found;
}

/**
 * The row a create would write for this body, without writing it. A body that names a saved
 * config of the same registry host keeps its stored password when it sends none (as an update
 * does), so the form can preview an edit without asking for the password again.
 */
async function unsavedConfigRow(db: Db, repository: RepositoryRow, body: unknown, context: { actor: string; now: Date }): Promise<TaskRow> {
  const config = parseOrThrow(distributionConfigSchema, body, 'config');
  const existing = await findTask(db, {
    projectName: repository.projectName,
    repoName: repository.name,
    kind: 'CONFIG',
    name: config.name,
  });
  const values = await configValues(db, config, {
    repository,
    existing,
    fieldPrefix: 'config',
    actor: context.actor,
    now: context.now,
    // A plan is not a save: a past executeTime is no error here.
    scheduleChanged: false,
  });
  return rowOf(values, context.now);
}

function rowOf(values: TaskValues, now: Date): TaskRow {
  return {
    clusterId: null,
    remoteProjectId: null,
    remoteRepoName: null,
    registry: null,
    username: null,
    passwordEncrypted: null,
    certificate: null,
    packageConstraints: [],
    pathConstraints: [],
    rateLimit: 0,
    includeMetadata: true,
    executeImmediately: true,
    executeTime: null,
    cronExpression: null,
    enabled: true,
    description: null,
    nextFireAt: null,
    replicateDeletes: false,
    verifyCron: null,
    verifyNextAt: null,
    createdAt: now,
    lastModifiedAt: now,
    ...values,
  } satisfies Omit<TaskRow, 'id' | 'taskKey'> & TaskValues as TaskRow;
}
