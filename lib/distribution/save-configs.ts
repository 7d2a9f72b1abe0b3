import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { replicaTasks } from '../db/schema';
import { replicatesDeletes } from '../deletions/pending-deletions';
import { AppError, isUniqueViolation } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { parseOrThrow } from '../http/validation';
import { newRecordId, newTaskKey } from '../ids/new-id';
import { getRepositoryOrThrow, type RepositoryRow } from '../projects/queries';
import { nextFireTime } from '../schedule/cron';
import { applyPendingDeletions } from './apply-pending-deletions';
import { computeNextFireAt, wakeRunnerIfDue } from './next-fire';
import { assertNotRunning, findTask, type TaskRow, type TaskValues } from './queries';
import type { RepoChange } from './repo-change';
import { type DistributionConfig, distributionConfigSchema } from './schemas';
import { resolveTarget } from './task-values';

export type SaveConfigsOptions = RepoChange & { configs: unknown[] };

/**
 * Creates configs, or updates those whose name exists (bk-repo automation re-runs create).
 * All or nothing: every config is validated and written in one transaction.
 */
export async function createDistributionConfigs(db: Db, options: SaveConfigsOptions): Promise<void> {
  const parsed = options.configs.map((raw, index) => parseOrThrow(distributionConfigSchema, raw, `configs[${index}]`));
  rejectDuplicateNames(parsed);
  try {
    await db.transaction(async (tx) => {
      const repository = await getRepositoryOrThrow(tx, options.projectName, options.repoName);
      for (const [index, config] of parsed.entries()) {
        const fieldPrefix = `configs[${index}]`;
        const existing = await findTask(tx, {
          projectName: options.projectName,
          repoName: options.repoName,
          kind: 'CONFIG',
          name: config.name,
        });
        if (existing) await assertNotRunning(tx, existing, `${fieldPrefix}.name`);
        const values = await configValues(tx, existing ? keepStoredExtras(config, options.configs[index], existing) : config, {
          repository,
          existing,
          fieldPrefix,
          actor: options.actor,
          now: options.now,
          scheduleChanged: true,
        });
        await writeConfig(tx, values, existing);
      }
      const names = parsed.map((config) => config.name).join(',');
      await options.audit?.record(tx, { resource: `config/${options.projectName}/${options.repoName}/${names}` });
    });
  } catch (error) {
    // Two creates of the same new name raced; the loser is told to retry rather than get a 500.
    if (isUniqueViolation(error, 'replica_tasks_identity')) {
      throw new AppError(ErrorCode.RESOURCE_EXISTED, 'A config with this name was created concurrently; retry the request');
    }
    throw error;
  }
}

function rejectDuplicateNames(configs: DistributionConfig[]): void {
  const seen = new Map<string, number>();
  for (const [index, config] of configs.entries()) {
    const first = seen.get(config.name);
    if (first !== undefined) throw AppError.invalid(`configs[${index}].name`, `duplicates configs[${first}].name`);
    seen.set(config.name, index);
  }
}

type ValuesContext = {
  repository: RepositoryRow;
  existing?: TaskRow;
  fieldPrefix: string;
  actor: string;
  now: Date;
  /** Whether the request touched the schedule; a kept past executeTime is not an error. */
  scheduleChanged: boolean;
};

export async function configValues(db: Db, config: DistributionConfig, context: ValuesContext): Promise<TaskValues> {
  const field = (name: string) => (context.fieldPrefix ? `${context.fieldPrefix}.${name}` : name);
  const plan = config.setting.executionPlan;
  if (
    context.scheduleChanged &&
    config.setting.executionStrategy === 'SPECIFIED_TIME' &&
    plan.executeTime &&
    plan.executeTime <= context.now
  ) {
    throw AppError.invalid(field('setting.executionPlan.executeTime'), 'must be in the future');
  }
  const target = await resolveTarget(db, config, {
    repository: context.repository,
    existing: context.existing,
    fieldPrefix: context.fieldPrefix,
  });
  const schedule = {
    kind: 'CONFIG' as const,
    replicaType: config.replicaType,
    executionStrategy: config.setting.executionStrategy,
    executeTime: plan.executeTime ?? null,
    cronExpression: plan.cronExpression ?? null,
  };
  const keepNextFire = context.existing && !context.scheduleChanged;
  return {
    id: context.existing?.id ?? newRecordId(),
    taskKey: context.existing?.taskKey ?? newTaskKey(),
    kind: 'CONFIG',
    projectName: context.repository.projectName,
    repoName: context.repository.name,
    name: config.name,
    ...target,
    packageConstraints: config.packageConstraints,
    pathConstraints: config.pathConstraints,
    replicaType: config.replicaType,
    rateLimit: config.setting.rateLimit,
    includeMetadata: config.setting.includeMetadata,
    conflictStrategy: config.setting.conflictStrategy,
    errorStrategy: config.setting.errorStrategy,
    executionStrategy: config.setting.executionStrategy,
    executeImmediately: plan.executeImmediately,
    executeTime: plan.executeTime ?? null,
    cronExpression: plan.cronExpression ?? null,
    enabled: config.enable,
    description: config.description ?? null,
    replicateDeletes: config.replicateDeletes,
    nextFireAt: keepNextFire ? (context.existing?.nextFireAt ?? null) : computeNextFireAt(schedule, context.now),
    ...verifySchedule(config.verifyCron ?? null, context),
    createdBy: context.existing?.createdBy ?? context.actor,
    lastModifiedBy: context.actor,
    lastModifiedAt: context.now,
  };
}

/**
 * bk-repo automation re-runs create with bodies that know nothing of Ferry's own fields: one it
 * leaves out (or sends null) keeps what is stored, as update does; "" clears verifyCron.
 */
function keepStoredExtras(config: DistributionConfig, raw: unknown, existing: TaskRow): DistributionConfig {
  const body = (raw ?? {}) as Record<string, unknown>;
  const kept = { ...config };
  if (body.replicateDeletes == null) kept.replicateDeletes = config.replicaType === 'REAL_TIME' && existing.replicateDeletes;
  if (body.verifyCron == null) kept.verifyCron = existing.verifyCron ?? undefined;
  return kept;
}

/** The drift verify schedule: an unchanged cron keeps its next time, a new one starts from now. */
function verifySchedule(verifyCron: string | null, context: ValuesContext): Pick<TaskValues, 'verifyCron' | 'verifyNextAt'> {
  if (!verifyCron) return { verifyCron: null, verifyNextAt: null };
  const kept = context.existing?.verifyCron === verifyCron ? context.existing.verifyNextAt : null;
  return { verifyCron, verifyNextAt: kept ?? nextFireTime(verifyCron, context.now) };
}

export async function writeConfig(db: Db, values: TaskValues, existing: TaskRow | undefined): Promise<void> {
  if (!existing) {
    await db.insert(replicaTasks).values(values);
  } else {
    const { id, taskKey, createdBy, ...changes } = values;
    const [saved] = await db.update(replicaTasks).set(changes).where(eq(replicaTasks.id, existing.id)).returning();
    // Deletions seen while it was disabled apply now that it is enabled (or are dropped when it no longer replicates them).
    if (saved && (saved.enabled || !replicatesDeletes(saved))) await applyPendingDeletions(db, saved, values.lastModifiedAt ?? new Date());
  }
  if (values.enabled && values.lastModifiedAt) await wakeRunnerIfDue(db, values.nextFireAt ?? null, values.lastModifiedAt);
}
