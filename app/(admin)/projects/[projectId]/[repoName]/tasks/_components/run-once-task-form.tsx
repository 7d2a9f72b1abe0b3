'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ChipsInput } from '@/components/ui/chips-input';
import { Field, Input, Textarea } from '@/components/ui/field';
import { RadioGroup } from '@/components/ui/radio-group';
import { Select } from '@/components/ui/select';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { toast } from '@/components/ui/toast';
import { usePackages } from '@/lib/artifacts/hooks';
import { useClusters } from '@/lib/clusters/hooks';
import { useCreateRunOnceTask, useRunOnceTasks } from '@/lib/distribution/hooks';
import {
  emptyRunOnceForm,
  type RunOnceFormValues,
  runOnceFormSchema,
  runOncePathToFormField,
  toRunOnceBody,
} from '@/lib/distribution/run-once-form';
import { applyServerError } from '@/lib/forms/server-errors';
import { useRepository } from '@/lib/projects/hooks';

export function RunOnceTaskForm({ projectId, repoName }: { projectId: string; repoName: string }) {
  const repo = useRepository(projectId, repoName);
  if (repo.isPending) return <TableSkeleton label="Loading repository" />;
  if (repo.isError) return <ErrorState error={repo.error} onRetry={() => repo.refetch()} />;
  if (!repo.data) return <EmptyState title="Repository not found" />;
  return <Form projectId={projectId} repoName={repoName} repoType={repo.data.type} />;
}

function Form({ projectId, repoName, repoType }: { projectId: string; repoName: string; repoType: 'GENERIC' | 'DOCKER' }) {
  const router = useRouter();
  const create = useCreateRunOnceTask(projectId, repoName);
  const tasks = useRunOnceTasks(projectId, repoName);
  const clusters = useClusters();
  const packages = usePackages(projectId, repoName, 1, 100);
  const form = useForm<RunOnceFormValues>({
    resolver: zodResolver(runOnceFormSchema),
    defaultValues: emptyRunOnceForm(repoType === 'DOCKER' ? 'registry' : 'cluster'),
    mode: 'onTouched',
  });
  const paths = useFieldArray({ control: form.control, name: 'pathConstraints' });
  const { errors } = form.formState;
  const targetKind = form.watch('targetKind');
  const base = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/tasks`;

  const onSubmit = form.handleSubmit((values) => {
    if (tasks.data?.some((t) => t.name === values.name)) {
      form.setError('name', { message: 'a run-once task with this name exists; pick another name' }, { shouldFocus: true });
      return;
    }
    create.mutate(toRunOnceBody(values), {
      onSuccess: () => {
        toast(`Run-once task ${values.name} created`);
        router.push(`${base}/${encodeURIComponent(values.name)}`);
      },
      onError: (error) => {
        if (!applyServerError(error, form.setError, runOncePathToFormField)) form.setError('root', { message: error.message });
      },
    });
  });

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="New run-once task">
      <h2 style={{ margin: 0 }}>New run-once task</h2>
      {errors.root ? <div className="notice">{errors.root.message}</div> : null}
      <fieldset className="grid-2">
        <legend>Task</legend>
        <Field label="Name" error={errors.name?.message}>
          <Input {...form.register('name')} />
        </Field>
        <Field label="Description" error={errors.description?.message}>
          <Input {...form.register('description')} />
        </Field>
      </fieldset>

      {repoType === 'DOCKER' ? (
        <fieldset className="stack">
          <legend>Image</legend>
          <datalist id="task-package-names">
            {(packages.data?.records ?? []).map((pkg) => (
              <option key={pkg.key} value={pkg.name} />
            ))}
          </datalist>
          <div className="grid-2">
            <Field label="Image" error={errors.packageName?.message} hint="The image name inside this repository, e.g. nginx">
              <Input {...form.register('packageName')} list="task-package-names" />
            </Field>
            <Controller
              control={form.control}
              name="versions"
              render={({ field }) => (
                <Field label="Tags to copy" error={errors.versions?.message} hint="Enter to add each tag">
                  <ChipsInput value={field.value} onChange={field.onChange} itemLabel="tag" />
                </Field>
              )}
            />
            <Controller
              control={form.control}
              name="targetVersions"
              render={({ field }) => (
                <Field
                  label="Target tags (optional)"
                  error={errors.targetVersions?.message}
                  hint="Push the one tag above under these tags instead"
                >
                  <ChipsInput value={field.value} onChange={field.onChange} itemLabel="target tag" />
                </Field>
              )}
            />
          </div>
        </fieldset>
      ) : (
        <fieldset className="stack">
          <legend>Paths</legend>
          {errors.packageName ? <span style={{ color: 'var(--danger)' }}>{errors.packageName.message}</span> : null}
          {paths.fields.map((item, index) => (
            <div key={item.id} className="row" style={{ alignItems: 'flex-start' }}>
              <Field label={`Path ${index + 1}`} error={errors.pathConstraints?.[index]?.path?.message} className="grow">
                <Input {...form.register(`pathConstraints.${index}.path`)} placeholder="/releases/1.0" />
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
                  disabled: repoType === 'GENERIC',
                  description: repoType === 'GENERIC' ? 'Only for images' : 'Any OCI registry',
                },
                { value: 'cluster', label: 'Cluster (homogeneous)', description: 'A repository on another Ferry cluster' },
              ]}
            />
          )}
        />
        {targetKind === 'registry' ? (
          <div className="grid-2">
            <Field label="Registry" error={errors.registry?.message} hint="host[:port]/namespace">
              <Input {...form.register('registry')} autoComplete="off" />
            </Field>
            <Field label="Username" error={errors.username?.message}>
              <Input {...form.register('username')} autoComplete="off" />
            </Field>
            <Field label="Password" error={errors.password?.message} hint="Write-only: Ferry never shows it again.">
              <Input type="password" {...form.register('password')} autoComplete="new-password" />
            </Field>
            <Field label="CA certificate (PEM, optional)" error={errors.certificate?.message}>
              <Textarea {...form.register('certificate')} rows={3} className="mono" />
            </Field>
          </div>
        ) : (
          <div className="grid-2">
            <Controller
              control={form.control}
              name="clusterId"
              render={({ field }) => (
                <Field label="Cluster" error={errors.clusterId?.message}>
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
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <Button asChild>
          <Link href={base}>Cancel</Link>
        </Button>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Create task
        </Button>
      </div>
    </form>
  );
}
