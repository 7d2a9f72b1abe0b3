'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { FormProvider, useFieldArray, useForm } from 'react-hook-form';
import { Button, ButtonLink } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { AddEntry, FormCheckbox, FormChips, FormRadioGroup, FormSelect, ListEntry, TextField } from '@/components/ui/form-controls';
import { toast } from '@/components/ui/toast';
import { type ConfigFormValues, configFieldOf, configFormSchema, toConfigBody } from '@/lib/distribution/config-form';
import { type ConfigInfo, useConfigNameTaken, useSaveConfig } from '@/lib/distribution/hooks';
import { useRunDurations } from '@/lib/executions/hooks';
import { onlyShown, showServerError } from '@/lib/forms/server-errors';
import { useSystemInfo } from '@/lib/system/hooks';
import { usePermission } from '@/lib/users/hooks';
import { PackageNames } from '../../_components/package-names';
import { PathListFieldset } from '../../_components/path-list-fieldset';
import { PlanPreviewButton } from '../../_components/plan-preview';
import { TargetFieldset } from '../../_components/target-fieldset';
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
  const nameTaken = useConfigNameTaken(projectId, repoName);
  const system = useSystemInfo();
  const maintain = usePermission(projectId, 'MAINTAINER');
  // Past runs of this config, for the cron preview's schedule sanity (a new config has none).
  const durations = useRunDurations(existing?.taskKey);
  const form = useForm<ConfigFormValues>({ resolver: zodResolver(configFormSchema), defaultValues: initial, mode: 'onTouched' });
  const packages = useFieldArray({ control: form.control, name: 'packageConstraints' });
  const { errors } = form.formState;
  const trigger = form.watch('trigger');
  const rateUnit = form.watch('rateLimitUnit');
  const cron = form.watch('cronExpression');
  // Image rules show only on DOCKER repositories, path rules only on GENERIC ones.
  const fieldOf = onlyShown(configFieldOf, (field) => !field.startsWith(repoType === 'DOCKER' ? 'pathConstraints' : 'packageConstraints'));
  const listUrl = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/configs`;

  const onSubmit = form.handleSubmit(async (values) => {
    if (!existing && (await nameTaken(values.name).catch(() => false))) {
      form.setError('name', { message: 'a config with this name exists in this repository; pick another name' }, { shouldFocus: true });
      return;
    }
    const body = toConfigBody(values);
    const request = existing
      ? // An empty verifyCron clears the schedule on update (null would keep it).
        {
          name: existing.name,
          update: { ...body, password: values.password || undefined, name: undefined, verifyCron: values.verifyCron.trim() },
        }
      : { create: body };
    save.mutate(request, {
      onSuccess: () => {
        toast(existing ? `Config ${values.name} saved` : `Config ${values.name} created`);
        router.push(listUrl);
      },
      onError: (error) => showServerError(error, form, fieldOf),
    });
  });

  return (
    <FormProvider {...form}>
      <form
        className="stack"
        onSubmit={onSubmit}
        noValidate
        aria-label={existing ? `Edit config ${existing.name}` : 'New distribution config'}
      >
        <FormError message={errors.root?.message} />
        <fieldset className="stack">
          <legend>Config</legend>
          <div className="grid-2">
            <TextField
              control={form.control}
              name="name"
              label="Name"
              hint={existing ? 'The name cannot change.' : 'Letters, digits, _ and -; starts with a letter or _'}
              readOnly={Boolean(existing)}
            />
            <TextField control={form.control} name="description" label="Description" />
          </div>
          <FormCheckbox control={form.control} name="enable" label="Enabled" />
        </fieldset>

        <TargetFieldset repoType={repoType} hasStoredPassword={existing?.hasPassword} />

        {repoType === 'DOCKER' ? (
          <fieldset className="stack">
            <legend>Images</legend>
            <p className="muted flush">Leave empty to copy every image. Each image may be narrowed to some tags.</p>
            <PackageNames id="package-names" projectId={projectId} repoName={repoName} />
            {packages.fields.map((item, index) => (
              <ListEntry key={item.id} removeLabel={`Remove image ${index + 1}`} onRemove={() => packages.remove(index)}>
                <TextField
                  control={form.control}
                  name={`packageConstraints.${index}.packageName`}
                  label={`Image ${index + 1}`}
                  className="grow"
                  list="package-names"
                />
                <FormChips
                  control={form.control}
                  name={`packageConstraints.${index}.versions`}
                  label="Tags (Enter to add; none = all)"
                  className="grow"
                  itemLabel="tag"
                />
              </ListEntry>
            ))}
            <AddEntry onAdd={() => packages.append({ packageName: '', versions: [] })}>Add image</AddEntry>
          </fieldset>
        ) : (
          <PathListFieldset
            projectId={projectId}
            repoName={repoName}
            intro="Leave empty to copy the whole repository, or list folders and files to copy."
            placeholder="/releases"
          />
        )}

        <fieldset className="stack">
          <legend>Settings</legend>
          <div className="row top">
            <FormSelect
              control={form.control}
              name="rateLimitUnit"
              label="Rate limit"
              hint="Bandwidth cap for this config's transfers"
              options={[
                { value: 'UNLIMITED', label: 'Unlimited' },
                { value: 'KB', label: 'KB/s' },
                { value: 'MB', label: 'MB/s' },
              ]}
            />
            {rateUnit !== 'UNLIMITED' ? (
              <TextField
                control={form.control}
                name="rateLimitValue"
                label={`Rate (${rateUnit}/s)`}
                inputClassName="input-narrow"
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
              />
            ) : null}
          </div>
          <FormCheckbox
            control={form.control}
            name="includeMetadata"
            label="Include metadata (copy each artifact's metadata along with it)"
          />
          <div className="grid-2">
            <FormRadioGroup
              control={form.control}
              name="conflictStrategy"
              label="When the target already has the artifact"
              options={CONFLICT_OPTIONS}
            />
            <FormRadioGroup control={form.control} name="errorStrategy" label="When an artifact fails" options={ERROR_OPTIONS} />
          </div>
        </fieldset>

        <fieldset className="stack">
          <legend>Execution</legend>
          <FormRadioGroup control={form.control} name="trigger" aria-label="When to copy" options={TRIGGER_OPTIONS} />
          {errors.trigger ? <span className="error text-danger">{errors.trigger.message}</span> : null}
          {trigger === 'REAL_TIME' ? (
            <FormCheckbox
              control={form.control}
              name="replicateDeletes"
              label="Replicate deletions (a file or tag deleted here is deleted at the target too)"
            />
          ) : null}
          {trigger === 'SPECIFIED_TIME' ? (
            <TextField
              control={form.control}
              name="executeTime"
              label="Date and time"
              hint={`In the server's time zone (${system.data?.timeZone ?? '…'}).`}
              inputClassName="input-medium"
              type="datetime-local"
            />
          ) : null}
          {trigger === 'CRON_EXPRESSION' ? (
            <div className="stack">
              <TextField
                control={form.control}
                name="cronExpression"
                label="Cron expression"
                hint="Quartz (6-7 fields, seconds first: 0 0 2 * * ?) or Unix (5 fields: 0 2 * * *)"
                inputClassName="mono"
                autoComplete="off"
                spellCheck={false}
              />
              <CronPreview expression={cron} serverZone={system.data?.timeZone} p95Seconds={durations.data?.p95Seconds} />
            </div>
          ) : null}
          <TextField
            control={form.control}
            name="verifyCron"
            label="Drift verify schedule (optional)"
            hint="A cron (same dialects) on which Ferry compares this repository with the target; empty: only when you click Verify."
            inputClassName="mono"
            autoComplete="off"
            spellCheck={false}
          />
        </fieldset>

        <div className="row end">
          <ButtonLink href={listUrl}>Cancel</ButtonLink>
          <PlanPreviewButton
            projectId={projectId}
            repoName={repoName}
            // The unsaved values, checked first as Save checks them; the stored password stays on the server.
            subject={async () => ((await form.trigger()) ? { config: toConfigBody(form.getValues()) } : null)}
            disabledReason={maintain.reason}
          />
          <Button type="submit" variant="primary" disabled={save.isPending || !maintain.ready} disabledReason={maintain.reason}>
            {save.isPending ? 'Saving…' : existing ? 'Save config' : 'Create config'}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
