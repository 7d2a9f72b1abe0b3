import { z } from 'zod';
import { type RunOnceTaskInput, runOnceTaskSchema } from './schemas';
import { blank, targetBody, targetFormFields } from './target-form';

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

export const runOnceFormSchema = formFields.superRefine((values, ctx) => {
  const result = runOnceTaskSchema.safeParse(toRunOnceBody(values));
  if (result.success) return;
  for (const issue of result.error.issues) {
    const field =
      runOncePathToFormField(
        issue.path
          .map((k) => (typeof k === 'number' ? `[${k}]` : String(k)))
          .join('.')
          .replace(/\.\[/g, '['),
      ) ?? 'name';
    // "give registry or clusterId" is about whichever target kind the form shows.
    const shown = field === 'registry' && values.targetKind === 'cluster' ? 'clusterId' : field;
    ctx.addIssue({ code: 'custom', path: shown.split('.'), message: issue.message });
  }
});

export const emptyRunOnceForm = (targetKind: 'registry' | 'cluster'): RunOnceFormValues => ({
  name: '',
  description: '',
  targetKind,
  registry: '',
  username: '',
  password: '',
  certificate: '',
  clusterId: '',
  remoteProjectId: '',
  remoteRepoName: '',
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

const FIELDS = new Set([
  'name',
  'description',
  'registry',
  'username',
  'password',
  'certificate',
  'clusterId',
  'remoteProjectId',
  'remoteRepoName',
  'packageName',
  'versions',
  'targetVersions',
]);

/** The form field an API path of the run-once create endpoint names, or null. */
export function runOncePathToFormField(apiPath: string): string | null {
  const root = apiPath.replace(/\[\d+\]$/, '');
  if (FIELDS.has(apiPath)) return apiPath;
  if (FIELDS.has(root)) return root;
  const pathEntry = /^pathConstraints\[(\d+)\]/.exec(apiPath);
  if (pathEntry) return `pathConstraints.${pathEntry[1]}.path`;
  return null;
}
