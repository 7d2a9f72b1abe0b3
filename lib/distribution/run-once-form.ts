import { z } from 'zod';
import { checkWithApiSchema, type FieldOf } from '../forms/server-errors';
import { type RunOnceTaskInput, runOnceTaskSchema } from './schemas';
import { blank, emptyTarget, shownTargetField, TARGET_FIELDS, targetBody, targetFormFields } from './target-form';

// The create run-once task form, checked by the API's own schema (as the config form is).

const formFields = z.object({
  name: z.string(),
  description: z.string(),
  ...targetFormFields,
  packageName: z.string(),
  versions: z.array(z.string()),
  targetVersions: z.array(z.string()),
  pathConstraints: z.array(z.object({ path: z.string() })),
});
export type RunOnceFormValues = z.infer<typeof formFields>;

export const runOnceFormSchema = formFields.superRefine((values, ctx) =>
  checkWithApiSchema(runOnceTaskSchema, toRunOnceBody, runOnceFieldOf, 'name')(values, ctx),
);

export const emptyRunOnceForm = (targetKind: 'registry' | 'cluster'): RunOnceFormValues => ({
  name: '',
  description: '',
  ...emptyTarget(targetKind),
  packageName: '',
  versions: [],
  targetVersions: [],
  pathConstraints: [],
});

export function toRunOnceBody(values: RunOnceFormValues): RunOnceTaskInput {
  const target = targetBody(values);
  return {
    name: values.name,
    description: blank(values.description),
    ...target,
    packageName: blank(values.packageName),
    versions: values.versions.length ? values.versions : null,
    targetVersions: values.targetVersions.length ? values.targetVersions : null,
    pathConstraints: values.pathConstraints.map((entry) => entry.path),
  };
}

const FIELDS = new Set(['name', 'description', ...TARGET_FIELDS, 'packageName', 'versions', 'targetVersions']);

/** The form field an API path of the run-once create endpoint names, or null. */
export function runOncePathToFormField(apiPath: string): string | null {
  const root = apiPath.replace(/\[\d+\]$/, '');
  if (FIELDS.has(apiPath)) return apiPath;
  if (FIELDS.has(root)) return root;
  const pathEntry = /^pathConstraints\[(\d+)\]/.exec(apiPath);
  if (pathEntry) return `pathConstraints.${pathEntry[1]}.path`;
  return null;
}

/** The shown field of the run-once form that holds an API path, for these values. */
export const runOnceFieldOf: FieldOf<RunOnceFormValues> = (apiPath, values) =>
  shownTargetField(runOncePathToFormField(apiPath), values.targetKind);
