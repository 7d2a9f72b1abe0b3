'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { ChipsInput } from '@/components/ui/chips-input';
import { Field, Input, Label, Textarea } from '@/components/ui/field';
import { RadioGroup } from '@/components/ui/radio-group';
import { Select } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import { useNodes, usePackages } from '@/lib/artifacts/hooks';
import { useClusters } from '@/lib/clusters/hooks';
import { apiPathToFormField, type ConfigFormValues, configFormSchema, toConfigBody } from '@/lib/distribution/config-form';
import { type ConfigInfo, useConfigs, useSaveConfig } from '@/lib/distribution/hooks';
import { applyServerError } from '@/lib/forms/server-errors';
import { useSystemInfo } from '@/lib/system/hooks';
import { CronPreview } from './cron-preview';

const CONFLICT_OPTIONS = [
  {
    value: 'SKIP',
    label: 'Skip',
    description: 'Leave the target alone when it already has a different artifact at that name and version.',
  },
  { value: 'OVERWRITE', label: 'Overwrite', description: 'Replace what the target has with this repository’s artifact.' },
  {
    value: 'FAST_FAIL',
    label: 'Fail the run',
    description: 'Stop the whole run at the first conflict, so nothing is silently skipped or replaced.',
  },
];
const ERROR_OPTIONS = [
  {
    value: 'CONTINUE',
    label: 'Continue',
    description: 'Record the failed artifact and go on with the others; the run ends FAILED if any failed.',
  },
  { value: 'FAST_FAIL', label: 'Stop at the first error', description: 'End the run as soon as one artifact fails.' },
];
const TRIGGER_OPTIONS = [
  { value: 'REAL_TIME', label: 'Real-time', description: 'Copy each artifact as soon as it is uploaded or changed.' },
  { value: 'IMMEDIATELY', label: 'Now', description: 'Copy everything once, right after saving.' },
  { value: 'SPECIFIED_TIME', label: 'At a date and time', description: 'Copy everything once, at the time you pick.' },
  { value: 'CRON_EXPRESSION', label: 'On a schedule (cron)', description: 'Copy everything repeatedly, on a cron schedule.' },
];

type Props = { projectId: string; repoName: string; repoType: 'GENERIC' | 'DOCKER'; existing?: ConfigInfo; initial: ConfigFormValues };

export function ConfigForm({ projectId, repoName, repoType, existing, initial }: Props) {
  const router = useRouter();
  const save = useSaveConfig(projectId, repoName);
  const configs = useConfigs(projectId, repoName);
  const clusters = useClusters();
  const system = useSystemInfo();
  const form = useForm<ConfigFormValues>({ resolver: zodResolver(configFormSchema), defaultValues: initial, mode: 'onTouched' });
  const packages = useFieldArray({ control: form.control, name: 'packageConstraints' });
  const paths = useFieldArray({ control: form.control, name: 'pathConstraints' });
  const { errors } = form.formState;
  const targetKind = form.watch('targetKind');
  const trigger = form.watch('trigger');
  const rateUnit = form.watch('rateLimitUnit');
  const cron = form.watch('cronExpression');
  const listUrl = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/configs`;

  const onSubmit = form.handleSubmit((values) => {
    if (!existing && configs.data?.some((c) => c.name === values.name)) {
      form.setError('name', { message: 'a config with this name exists in this repository; pick another name' }, { shouldFocus: true });
      return;
    }
    const body = toConfigBody(values);
    const request = existing
      ? { name: existing.name, update: { ...body, password: values.password || undefined, name: undefined } }
      : { create: body };
    save.mutate(request, {
      onSuccess: () => {
        toast(existing ? `Config ${values.name} saved` : `Config ${values.name} created`);
        router.push(listUrl);
      },
      onError: (error) => {
        if (!applyServerError(error, form.setError, apiPathToFormField)) form.setError('root', { message: error.message });
      },
    });
  });

  return (
    <form
      className="stack"
      onSubmit={onSubmit}
      noValidate
      aria-label={existing ? `Edit config ${existing.name}` : 'New distribution config'}
    >
      {errors.root ? (
        <div className="notice" data-testid="form-error">
          {errors.root.message}
        </div>
      ) : null}
      <fieldset className="stack">
        <legend>Config</legend>
        <div className="grid-2">
          <Field
            label="Name"
            error={errors.name?.message}
            hint={existing ? 'The name cannot change.' : 'Letters, digits, _ and -; starts with a letter or _'}
          >
            <Input {...form.register('name')} readOnly={Boolean(existing)} />
          </Field>
          <Field label="Description" error={errors.description?.message}>
            <Input {...form.register('description')} />
          </Field>
        </div>
        <Controller
          control={form.control}
          name="enable"
          render={({ field }) => (
            <div className="row">
              <Checkbox id="config-enable" checked={field.value} onCheckedChange={(v) => field.onChange(v === true)} />
              <Label htmlFor="config-enable">Enabled</Label>
            </div>
          )}
        />
      </fieldset>

      <fieldset className="stack">
        <legend>Target</legend>
        <Controller
          control={form.control}
          name="targetKind"
          render={({ field }) => (
            <RadioGroup
              aria-label="Target kind"
              inline
              value={field.value}
              onValueChange={field.onChange}
              options={[
                {
                  value: 'registry',
                  label: 'Registry (heterogeneous)',
                  description:
                    repoType === 'GENERIC'
                      ? 'Only for DOCKER repositories: registries take images'
                      : 'Any OCI registry: Harbor, Docker Hub, …',
                  disabled: repoType === 'GENERIC',
                },
                { value: 'cluster', label: 'Cluster (homogeneous)', description: 'A repository on another Ferry cluster' },
              ]}
            />
          )}
        />
        {targetKind === 'registry' ? (
          <div className="grid-2">
            <Field label="Registry" error={errors.registry?.message} hint="host[:port]/namespace, e.g. registry.example.com/library">
              <Input {...form.register('registry')} autoComplete="off" />
            </Field>
            <Field label="Username" error={errors.username?.message}>
              <Input {...form.register('username')} autoComplete="off" />
            </Field>
            <Field
              label="Password"
              error={errors.password?.message}
              hint={existing?.hasPassword ? 'A password is stored. Leave blank to keep it.' : 'Write-only: Ferry never shows it again.'}
            >
              <Input
                type="password"
                {...form.register('password')}
                autoComplete="new-password"
                placeholder={existing?.hasPassword ? '•••••••• (leave blank to keep)' : ''}
              />
            </Field>
            <Field
              label="CA certificate (PEM, optional)"
              error={errors.certificate?.message}
              hint="For registries whose certificate is not publicly trusted."
            >
              <Textarea {...form.register('certificate')} rows={3} className="mono" />
            </Field>
          </div>
        ) : (
          <div className="grid-2">
            <Controller
              control={form.control}
              name="clusterId"
              render={({ field }) => (
                <Field
                  label="Cluster"
                  error={errors.clusterId?.message}
                  hint={
                    clusters.isError
                      ? `Could not load clusters: ${clusters.error.message}`
                      : clusters.data?.length === 0
                        ? 'No clusters registered yet: register one under Clusters.'
                        : undefined
                  }
                >
                  <Select
                    value={field.value || undefined}
                    onValueChange={field.onChange}
                    placeholder={clusters.isPending ? 'Loading clusters…' : 'Choose a cluster'}
                    options={(clusters.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.url})` }))}
                  />
                </Field>
              )}
            />
            <Field label="Remote project" error={errors.remoteProjectId?.message}>
              <Input {...form.register('remoteProjectId')} />
            </Field>
            <Field label="Remote repository" error={errors.remoteRepoName?.message}>
              <Input {...form.register('remoteRepoName')} />
            </Field>
          </div>
        )}
      </fieldset>

      {repoType === 'DOCKER' ? (
        <fieldset className="stack">
          <legend>Images</legend>
          <p className="muted" style={{ margin: 0 }}>
            Leave empty to copy every image. Each image may be narrowed to some tags.
          </p>
          <PackageNames projectId={projectId} repoName={repoName} />
          {packages.fields.map((item, index) => (
            <div key={item.id} className="row" style={{ alignItems: 'flex-start' }}>
              <Field label={`Image ${index + 1}`} error={errors.packageConstraints?.[index]?.packageName?.message} className="grow">
                <Input {...form.register(`packageConstraints.${index}.packageName`)} list="package-names" />
              </Field>
              <Controller
                control={form.control}
                name={`packageConstraints.${index}.versions`}
                render={({ field }) => (
                  <Field
                    label="Tags (Enter to add; none = all)"
                    error={errors.packageConstraints?.[index]?.versions?.message}
                    className="grow"
                  >
                    <ChipsInput value={field.value} onChange={field.onChange} itemLabel="tag" />
                  </Field>
                )}
              />
              <Button
                variant="ghost"
                size="sm"
                style={{ marginTop: 24 }}
                onClick={() => packages.remove(index)}
                aria-label={`Remove image ${index + 1}`}
              >
                Remove
              </Button>
            </div>
          ))}
          <div>
            <Button size="sm" onClick={() => packages.append({ packageName: '', versions: [] })}>
              Add image
            </Button>
          </div>
        </fieldset>
      ) : (
        <fieldset className="stack">
          <legend>Paths</legend>
          <p className="muted" style={{ margin: 0 }}>
            Leave empty to copy the whole repository, or list folders and files to copy.
          </p>
          <FolderHints projectId={projectId} repoName={repoName} />
          {paths.fields.map((item, index) => (
            <div key={item.id} className="row" style={{ alignItems: 'flex-start' }}>
              <Field label={`Path ${index + 1}`} error={errors.pathConstraints?.[index]?.path?.message} className="grow">
                <Input {...form.register(`pathConstraints.${index}.path`)} list="folder-hints" placeholder="/releases" />
              </Field>
              <Button
                variant="ghost"
                size="sm"
                style={{ marginTop: 24 }}
                onClick={() => paths.remove(index)}
                aria-label={`Remove path ${index + 1}`}
              >
                Remove
              </Button>
            </div>
          ))}
          <div>
            <Button size="sm" onClick={() => paths.append({ path: '' })}>
              Add path
            </Button>
          </div>
        </fieldset>
      )}

      <fieldset className="stack">
        <legend>Settings</legend>
        <div className="row" style={{ alignItems: 'flex-start' }}>
          <Controller
            control={form.control}
            name="rateLimitUnit"
            render={({ field }) => (
              <Field label="Rate limit" hint="Bandwidth cap for this config's transfers">
                <Select
                  value={field.value}
                  onValueChange={field.onChange}
                  options={[
                    { value: 'UNLIMITED', label: 'Unlimited' },
                    { value: 'KB', label: 'KB/s' },
                    { value: 'MB', label: 'MB/s' },
                  ]}
                />
              </Field>
            )}
          />
          {rateUnit !== 'UNLIMITED' ? (
            <Field label={`Rate (${rateUnit}/s)`} error={errors.rateLimitValue?.message}>
              <Input type="number" min={0} step="any" inputMode="decimal" {...form.register('rateLimitValue')} style={{ width: 140 }} />
            </Field>
          ) : null}
        </div>
        <Controller
          control={form.control}
          name="includeMetadata"
          render={({ field }) => (
            <div className="row">
              <Checkbox id="include-metadata" checked={field.value} onCheckedChange={(v) => field.onChange(v === true)} />
              <Label htmlFor="include-metadata">Include metadata (copy each artifact&apos;s metadata along with it)</Label>
            </div>
          )}
        />
        <div className="grid-2">
          <div className="field">
            <span className="label" id="conflict-label">
              When the target already has the artifact
            </span>
            <Controller
              control={form.control}
              name="conflictStrategy"
              render={({ field }) => (
                <RadioGroup
                  aria-labelledby="conflict-label"
                  value={field.value}
                  onValueChange={field.onChange}
                  options={CONFLICT_OPTIONS}
                />
              )}
            />
          </div>
          <div className="field">
            <span className="label" id="error-label">
              When an artifact fails
            </span>
            <Controller
              control={form.control}
              name="errorStrategy"
              render={({ field }) => (
                <RadioGroup aria-labelledby="error-label" value={field.value} onValueChange={field.onChange} options={ERROR_OPTIONS} />
              )}
            />
          </div>
        </div>
      </fieldset>

      <fieldset className="stack">
        <legend>Execution</legend>
        <Controller
          control={form.control}
          name="trigger"
          render={({ field }) => (
            <RadioGroup aria-label="When to copy" value={field.value} onValueChange={field.onChange} options={TRIGGER_OPTIONS} />
          )}
        />
        {errors.trigger ? (
          <span className="error" style={{ color: 'var(--danger)' }}>
            {errors.trigger.message}
          </span>
        ) : null}
        {trigger === 'SPECIFIED_TIME' ? (
          <Field
            label="Date and time"
            error={errors.executeTime?.message}
            hint={`In the server's time zone (${system.data?.timeZone ?? '…'}).`}
          >
            <Input type="datetime-local" {...form.register('executeTime')} style={{ maxWidth: 260 }} />
          </Field>
        ) : null}
        {trigger === 'CRON_EXPRESSION' ? (
          <div className="stack">
            <Field
              label="Cron expression"
              error={errors.cronExpression?.message}
              hint="Quartz (6-7 fields, seconds first: 0 0 2 * * ?) or Unix (5 fields: 0 2 * * *)"
            >
              <Input {...form.register('cronExpression')} className="input mono" autoComplete="off" spellCheck={false} />
            </Field>
            <CronPreview expression={cron} serverZone={system.data?.timeZone} />
          </div>
        ) : null}
      </fieldset>

      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <Button asChild>
          <Link href={listUrl}>Cancel</Link>
        </Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : existing ? 'Save config' : 'Create config'}
        </Button>
      </div>
    </form>
  );
}

function PackageNames({ projectId, repoName }: { projectId: string; repoName: string }) {
  const packages = usePackages(projectId, repoName, 1, 100);
  return (
    <datalist id="package-names">
      {(packages.data?.records ?? []).map((pkg) => (
        <option key={pkg.key} value={pkg.name} />
      ))}
    </datalist>
  );
}

/** Folder names of the repository's root as suggestions; silent when the listing is unavailable. */
function FolderHints({ projectId, repoName }: { projectId: string; repoName: string }) {
  const nodes = useNodes(projectId, repoName, '/', 1, 100);
  return (
    <datalist id="folder-hints">
      {(nodes.data?.records ?? [])
        .filter((node) => node.folder)
        .map((node) => (
          <option key={node.fullPath} value={node.fullPath} />
        ))}
    </datalist>
  );
}
