import { z } from 'zod';
import { executionStatuses } from '../executions/statuses';
import { ErrorCode } from '../http/error-codes';
import { enumListQuery } from '../paging/page';
import { normalizeArtifactPath } from '../paths/normalize-path';
import { CronSyntaxError, parseCron } from '../schedule/cron';
import { parseDateTimeInput } from '../time/local-time';
import { parseRegistryAddress } from './registry-address';

/** bk-repo's task name rule. */
const TASK_NAME = /^[a-zA-Z_][a-zA-Z0-9_-]{1,127}$/;

const replicaTypes = ['SCHEDULED', 'REAL_TIME'] as const;
export const conflictStrategies = ['SKIP', 'OVERWRITE', 'FAST_FAIL'] as const;
export const errorStrategies = ['CONTINUE', 'FAST_FAIL'] as const;
const executionStrategies = ['IMMEDIATELY', 'SPECIFIED_TIME', 'CRON_EXPRESSION'] as const;

type Ctx = z.RefinementCtx;
const missing = (ctx: Ctx, path: PropertyKey[], message = 'is missing') =>
  ctx.addIssue({ code: 'custom', path, message, params: { code: ErrorCode.PARAMETER_MISSING } });
const invalid = (ctx: Ctx, path: PropertyKey[], message: string) =>
  ctx.addIssue({ code: 'custom', path, message, params: { code: ErrorCode.PARAMETER_INVALID } });

/** Optional text where bk-repo clients send "", null or nothing alike. */
const optionalText = (max = 1024) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v == null || v.trim() === '' ? undefined : v));

const taskName = z.string().regex(TASK_NAME, 'must start with a letter or _, then 1-127 letters, digits, _ or -');

/** A path constraint is "/a/b" or {"path": "/a/b"}; stored normalised. */
const pathConstraintSchema = z.union([z.string(), z.object({ path: z.string() })]).transform((value, ctx) => {
  const result = normalizeArtifactPath(typeof value === 'string' ? value : value.path);
  if (result.ok) return result.path;
  invalid(ctx, typeof value === 'string' ? [] : ['path'], result.reason);
  return z.NEVER;
});

const versionList = z
  .array(z.string().trim().min(1, 'versions must not be empty strings').max(256))
  .refine((list) => new Set(list).size === list.length, 'must not repeat a version');

const packageConstraintSchema = z
  .object({
    packageKey: optionalText(512),
    packageName: optionalText(512),
    versions: versionList.nullish().transform((v) => (v?.length ? v : undefined)),
    targetVersions: versionList.nullish().transform((v) => (v?.length ? v : undefined)),
  })
  .superRefine((value, ctx) => {
    if (!value.packageKey && !value.packageName) missing(ctx, ['packageName'], 'packageKey or packageName is required');
    if (value.targetVersions && value.versions?.length !== 1) {
      invalid(ctx, ['targetVersions'], 'only allowed when versions has exactly one element');
    }
  });

const executionPlanSchema = z.object({
  executeImmediately: z
    .boolean()
    .nullish()
    .transform((v) => v ?? true),
  executeTime: z
    .string()
    .nullish()
    .transform((value, ctx) => {
      if (value == null || value === '') return undefined;
      const date = parseDateTimeInput(value);
      if (date) return date;
      invalid(ctx, [], 'must be a date-time like 2030-08-23T10:45:19 (server time zone) or ISO-8601 with an offset');
      return z.NEVER;
    }),
  cronExpression: optionalText(256),
});

const settingSchema = z
  .object({
    rateLimit: z
      .number()
      .int('must be a whole number of bytes per second')
      .min(0, 'must be 0 (unlimited) or more bytes per second')
      .nullish()
      .transform((v) => v ?? 0),
    includeMetadata: z
      .boolean()
      .nullish()
      .transform((v) => v ?? true),
    conflictStrategy: z
      .enum(conflictStrategies)
      .nullish()
      .transform((v) => v ?? 'SKIP'),
    errorStrategy: z
      .enum(errorStrategies)
      .nullish()
      .transform((v) => v ?? 'CONTINUE'),
    executionStrategy: z
      .enum(executionStrategies)
      .nullish()
      .transform((v) => v ?? 'IMMEDIATELY'),
    executionPlan: executionPlanSchema
      .nullish()
      .transform((v) => v ?? { executeImmediately: true, executeTime: undefined, cronExpression: undefined }),
  })
  .superRefine((setting, ctx) => {
    const plan = setting.executionPlan;
    if (setting.executionStrategy === 'IMMEDIATELY' && !plan.executeImmediately) {
      invalid(ctx, ['executionPlan', 'executeImmediately'], 'must be true when executionStrategy is IMMEDIATELY');
    }
    if (setting.executionStrategy === 'SPECIFIED_TIME' && !plan.executeTime) {
      missing(ctx, ['executionPlan', 'executeTime']);
    }
    if (setting.executionStrategy === 'CRON_EXPRESSION') {
      if (!plan.cronExpression) missing(ctx, ['executionPlan', 'cronExpression']);
      else checkCron(ctx, plan.cronExpression);
    }
  });

function checkCron(ctx: Ctx, expression: string): void {
  checkCronAt(ctx, expression, ['executionPlan', 'cronExpression']);
}

function checkCronAt(ctx: Ctx, expression: string, path: PropertyKey[]): void {
  try {
    parseCron(expression);
  } catch (error) {
    if (!(error instanceof CronSyntaxError)) throw error;
    invalid(ctx, path, error.message);
  }
}

/** Target fields shared by configs and run-once tasks: exactly one of clusterId / registry. */
const targetFields = {
  clusterId: optionalText(64),
  registry: optionalText(512),
  username: optionalText(256),
  password: optionalText(1024),
  certificate: optionalText(64 * 1024),
  remoteProjectId: optionalText(128),
  remoteRepoName: optionalText(128),
};

type TargetInput = { [K in keyof typeof targetFields]?: string };

function checkTarget(value: TargetInput, ctx: Ctx): void {
  if (value.clusterId && value.registry) {
    invalid(ctx, ['clusterId'], 'clusterId and registry exclude each other: give one');
    return;
  }
  if (!value.clusterId && !value.registry) {
    invalid(ctx, ['registry'], 'give registry (any OCI registry) or clusterId (another Ferry cluster)');
    return;
  }
  if (value.clusterId) {
    if (!value.remoteProjectId) missing(ctx, ['remoteProjectId']);
    if (!value.remoteRepoName) missing(ctx, ['remoteRepoName']);
    return;
  }
  const address = parseRegistryAddress(value.registry ?? '');
  if ('error' in address) invalid(ctx, ['registry'], address.error);
  if (value.certificate && !value.certificate.includes('-----BEGIN CERTIFICATE-----')) {
    invalid(ctx, ['certificate'], 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)');
  }
}

/** One entry of POST /replication/api/remote/distribution/create/{projectId}/{repoName}. */
export const distributionConfigSchema = z
  .object({
    name: taskName,
    ...targetFields,
    packageConstraints: z
      .array(packageConstraintSchema)
      .nullish()
      .transform((v) => v ?? []),
    pathConstraints: z
      .array(pathConstraintSchema)
      .nullish()
      .transform((v) => v ?? []),
    replicaType: z
      .enum(replicaTypes)
      .nullish()
      .transform((v) => v ?? 'REAL_TIME'),
    setting: settingSchema,
    enable: z
      .boolean()
      .nullish()
      .transform((v) => v ?? true),
    description: optionalText(1024),
    /** Ferry extension: drift verify on this cron (same dialects as cronExpression); absent = on demand only. */
    verifyCron: optionalText(256),
    /** Ferry's addition: deletions at the source are replicated (REAL_TIME only; absent = off). */
    replicateDeletes: z
      .boolean()
      .nullish()
      .transform((v) => v ?? false),
  })
  .superRefine((value, ctx) => {
    checkTarget(value, ctx);
    if (value.verifyCron) checkCronAt(ctx, value.verifyCron, ['verifyCron']);
    // Only the real-time consumer sees deletions; a scheduled run copies what exists and never deletes.
    if (value.replicateDeletes && value.replicaType !== 'REAL_TIME') {
      invalid(ctx, ['replicateDeletes'], 'only REAL_TIME configs replicate deletions; set replicaType REAL_TIME or leave it false');
    }
  });
export type DistributionConfigInput = z.input<typeof distributionConfigSchema>;
export type DistributionConfig = z.output<typeof distributionConfigSchema>;

export const createDistributionConfigsSchema = z.object({
  configs: z.array(z.unknown()).min(1, 'must hold at least one config').max(100, 'at most 100 configs per request'),
});

/**
 * Body of …/update/{projectId}/{repoName}/{name}: every field optional; what is sent replaces the
 * stored value (setting and executionPlan field by field), then the result is checked as a whole.
 */
export const updateDistributionConfigSchema = z.object({
  clusterId: z.string().nullish(),
  registry: z.string().nullish(),
  username: z.string().nullish(),
  password: z.string().nullish(),
  certificate: z.string().nullish(),
  remoteProjectId: z.string().nullish(),
  remoteRepoName: z.string().nullish(),
  packageConstraints: z.array(z.unknown()).nullish(),
  pathConstraints: z.array(z.unknown()).nullish(),
  replicaType: z.enum(replicaTypes).nullish(),
  setting: z
    .object({
      rateLimit: z.unknown(),
      includeMetadata: z.unknown(),
      conflictStrategy: z.unknown(),
      errorStrategy: z.unknown(),
      executionStrategy: z.unknown(),
      executionPlan: z.record(z.string(), z.unknown()).nullish(),
    })
    .partial()
    .nullish(),
  enable: z.boolean().nullish(),
  description: z.string().nullish(),
  /** "" stops the scheduled drift verify; absent or null keeps it. */
  verifyCron: z.string().nullish(),
  replicateDeletes: z.boolean().nullish(),
});
export type UpdateDistributionConfigInput = z.input<typeof updateDistributionConfigSchema>;

/** Body of …/create/runOnceTask/{projectId}/{repoName}. */
export const runOnceTaskSchema = z
  .object({
    name: taskName,
    ...targetFields,
    packageName: optionalText(512),
    versions: versionList.nullish().transform((v) => (v?.length ? v : undefined)),
    targetVersions: versionList.nullish().transform((v) => (v?.length ? v : undefined)),
    pathConstraints: z
      .array(pathConstraintSchema)
      .nullish()
      .transform((v) => v ?? []),
    description: optionalText(1024),
  })
  .superRefine((value, ctx) => {
    checkTarget(value, ctx);
    if (value.packageName && !value.versions) missing(ctx, ['versions'], 'versions must accompany packageName');
    if (value.versions && !value.packageName) missing(ctx, ['packageName'], 'packageName must accompany versions');
    if (value.targetVersions && value.versions?.length !== 1) {
      invalid(ctx, ['targetVersions'], 'only allowed when versions has exactly one element');
    }
    if (!value.packageName && !value.versions && value.pathConstraints.length === 0) {
      missing(ctx, ['packageName'], 'a run-once task copies packageName + versions, or pathConstraints');
    }
  });
export type RunOnceTaskInput = z.input<typeof runOnceTaskSchema>;
export type RunOnceTask = z.output<typeof runOnceTaskSchema>;

/** ?name= on the run-once execute, status and delete endpoints. */
export const taskNameQuerySchema = z.object({ name: z.string().min(1) });

/**
 * Filters and paging of the config and run-once task lists (Ferry's additions to bk-repo's
 * list): without `pageNumber` and `pageSize` the answer is bk-repo's plain array.
 */
export const taskListQuerySchema = z.object({
  // No defaults here: their absence is what selects bk-repo's unpaged answer.
  pageNumber: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).optional(),
  /** Names containing this text, case-insensitively. */
  name: z.string().trim().max(128).optional(),
  enabled: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  replicaType: z.enum(replicaTypes).optional(),
  /** The newest run's status, comma-separated (`QUEUED,RUNNING`). */
  lastStatus: enumListQuery(executionStatuses).optional(),
});
export type TaskListQuery = z.output<typeof taskListQuerySchema>;
