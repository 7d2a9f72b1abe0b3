import { z } from 'zod';
import { checkWithApiSchema, type FieldOf } from '../forms/server-errors';
import { imageOfConstraint } from '../oci/package-key';
import type { ConfigInfo } from './present';
import { conflictStrategies, type DistributionConfigInput, distributionConfigSchema, errorStrategies } from './schemas';
import { blank, emptyTarget, shownTargetField, TARGET_FIELDS, targetBody, targetFormFields } from './target-form';

// The create/edit config form: a friendlier shape than the API's (target kind, rate limit with a
// unit, one "trigger" instead of replicaType + executionStrategy + plan), converted to the API body
// and checked by the API's own schema, so the browser and the server apply the same rules.

const triggers = ['REAL_TIME', 'IMMEDIATELY', 'SPECIFIED_TIME', 'CRON_EXPRESSION'] as const;
const rateUnits = ['UNLIMITED', 'KB', 'MB'] as const;

const formFields = z.object({
  name: z.string(),
  description: z.string(),
  ...targetFormFields,
  packageConstraints: z.array(z.object({ packageName: z.string(), versions: z.array(z.string()) })),
  pathConstraints: z.array(z.object({ path: z.string() })),
  rateLimitValue: z.string(),
  rateLimitUnit: z.enum(rateUnits),
  includeMetadata: z.boolean(),
  conflictStrategy: z.enum(conflictStrategies),
  errorStrategy: z.enum(errorStrategies),
  trigger: z.enum(triggers),
  executeTime: z.string(),
  cronExpression: z.string(),
  verifyCron: z.string(),
  enable: z.boolean(),
  replicateDeletes: z.boolean(),
});
export type ConfigFormValues = z.infer<typeof formFields>;

export const configFormSchema = formFields.superRefine((values, ctx) => {
  if (rateLimitBytes(values) === null) {
    ctx.addIssue({ code: 'custom', path: ['rateLimitValue'], message: 'enter a positive rate, or choose unlimited' });
    return;
  }
  checkWithApiSchema(distributionConfigSchema, toConfigBody, configFieldOf, 'name')(values, ctx);
});

export const emptyConfigForm = (targetKind: 'registry' | 'cluster' = 'registry'): ConfigFormValues => ({
  name: '',
  description: '',
  ...emptyTarget(targetKind),
  packageConstraints: [],
  pathConstraints: [],
  rateLimitValue: '',
  rateLimitUnit: 'UNLIMITED',
  includeMetadata: true,
  conflictStrategy: 'SKIP',
  errorStrategy: 'CONTINUE',
  trigger: 'REAL_TIME',
  executeTime: '',
  cronExpression: '',
  verifyCron: '',
  enable: true,
  replicateDeletes: false,
});

/** Bytes per second; 0 = unlimited; null when the typed rate is not a positive number. */
export function rateLimitBytes(values: Pick<ConfigFormValues, 'rateLimitValue' | 'rateLimitUnit'>): number | null {
  if (values.rateLimitUnit === 'UNLIMITED') return 0;
  const amount = Number(values.rateLimitValue);
  if (values.rateLimitValue.trim() === '' || !Number.isFinite(amount) || amount <= 0) return null;
  return Math.round(amount * (values.rateLimitUnit === 'MB' ? 1024 * 1024 : 1024));
}

/** The API body (one entry of create's `configs`, or update's body) for these form values. */
export function toConfigBody(values: ConfigFormValues): DistributionConfigInput {
  const target = targetBody(values);
  const trigger = values.trigger;
  return {
    name: values.name,
    description: blank(values.description),
    ...target,
    packageConstraints: values.packageConstraints.map((pkg) => ({
      packageName: pkg.packageName,
      versions: pkg.versions.length ? pkg.versions : null,
    })),
    pathConstraints: values.pathConstraints.map((entry) => entry.path),
    replicaType: trigger === 'REAL_TIME' ? 'REAL_TIME' : 'SCHEDULED',
    setting: {
      rateLimit: rateLimitBytes(values) ?? 0,
      includeMetadata: values.includeMetadata,
      conflictStrategy: values.conflictStrategy,
      errorStrategy: values.errorStrategy,
      executionStrategy: trigger === 'REAL_TIME' ? 'IMMEDIATELY' : trigger,
      executionPlan: {
        executeImmediately: trigger === 'REAL_TIME' || trigger === 'IMMEDIATELY',
        executeTime: trigger === 'SPECIFIED_TIME' ? blank(values.executeTime) : null,
        cronExpression: trigger === 'CRON_EXPRESSION' ? blank(values.cronExpression) : null,
      },
    },
    enable: values.enable,
    // "" (not null) so that clearing the field stops the schedule of a saved config: null would keep it.
    verifyCron: values.verifyCron.trim(),
    // Only a real-time config sees deletions; the box is hidden (and ignored) for the others.
    replicateDeletes: trigger === 'REAL_TIME' && values.replicateDeletes,
  };
}

/** Form values of a stored config; the password stays blank ("leave blank to keep"). */
export function fromConfigInfo(info: ConfigInfo): ConfigFormValues {
  const plan = info.setting.executionPlan;
  const rate = info.setting.rateLimit;
  const unit = rate === 0 ? 'UNLIMITED' : rate % (1024 * 1024) === 0 ? 'MB' : 'KB';
  return {
    ...emptyConfigForm(info.clusterId ? 'cluster' : 'registry'),
    name: info.name,
    description: info.description ?? '',
    registry: info.registry ?? '',
    username: info.username ?? '',
    certificate: info.certificate ?? '',
    clusterId: info.clusterId ?? '',
    remoteProjectId: info.remoteProjectId ?? '',
    remoteRepoName: info.remoteRepoName ?? '',
    packageConstraints: (info.packageConstraints ?? []).map((pkg) => ({
      packageName: imageOfConstraint(pkg) ?? '',
      versions: pkg.versions ?? [],
    })),
    pathConstraints: (info.pathConstraints ?? []).map((entry) => ({ path: entry.path })),
    rateLimitUnit: unit,
    rateLimitValue: unit === 'UNLIMITED' ? '' : String(rate / (unit === 'MB' ? 1024 * 1024 : 1024)),
    includeMetadata: info.setting.includeMetadata,
    conflictStrategy: info.setting.conflictStrategy,
    errorStrategy: info.setting.errorStrategy,
    trigger: info.replicaType === 'REAL_TIME' ? 'REAL_TIME' : info.setting.executionStrategy,
    executeTime: plan.executeTime ? plan.executeTime.slice(0, 16) : '',
    cronExpression: plan.cronExpression ?? '',
    verifyCron: info.verifyCron ?? '',
    enable: info.enable,
    replicateDeletes: info.replicateDeletes,
  };
}

const SAME_NAME = new Set(['name', 'description', ...TARGET_FIELDS, 'enable', 'verifyCron', 'replicateDeletes']);

/**
 * The form field an API path names ("configs[0].setting.rateLimit" → "rateLimitValue"), or null
 * when no field shows it.
 */
export function apiPathToFormField(apiPath: string): string | null {
  const path = apiPath.replace(/^configs\[\d+\]\.?/, '');
  if (SAME_NAME.has(path)) return path;
  if (path === 'replicaType' || path === 'setting.executionStrategy' || path === 'setting.executionPlan.executeImmediately')
    return 'trigger';
  if (path === 'setting.rateLimit') return 'rateLimitValue';
  if (path === 'setting.executionPlan.executeTime') return 'executeTime';
  if (path === 'setting.executionPlan.cronExpression') return 'cronExpression';
  const setting = /^setting\.(includeMetadata|conflictStrategy|errorStrategy)$/.exec(path);
  if (setting) return setting[1] ?? null;
  const pkg = /^packageConstraints\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (pkg) return `packageConstraints.${pkg[1]}.${pkg[2] === 'versions' || pkg[2] === 'targetVersions' ? 'versions' : 'packageName'}`;
  const pathEntry = /^pathConstraints\[(\d+)\]/.exec(path);
  if (pathEntry) return `pathConstraints.${pathEntry[1]}.path`;
  return null;
}

/** The shown field of the config form that holds an API path, for these values. */
export const configFieldOf: FieldOf<ConfigFormValues> = (apiPath, values) =>
  shownTargetField(apiPathToFormField(apiPath), values.targetKind);
