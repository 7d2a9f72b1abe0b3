'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { FormProvider, useForm } from 'react-hook-form';
import { Button, ButtonLink } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { FormChips, TextField } from '@/components/ui/form-controls';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { toast } from '@/components/ui/toast';
import { useCreateRunOnceTask, useRunOnceTaskNameTaken } from '@/lib/distribution/hooks';
import {
  emptyRunOnceForm,
  type RunOnceFormValues,
  runOnceFieldOf,
  runOnceFormSchema,
  toRunOnceBody,
} from '@/lib/distribution/run-once-form';
import { onlyShown, showServerError } from '@/lib/forms/server-errors';
import { useRepository } from '@/lib/projects/hooks';
import { PackageNames } from '../../_components/package-names';
import { PathListFieldset } from '../../_components/path-list-fieldset';
import { TargetFieldset } from '../../_components/target-fieldset';

export function RunOnceTaskForm({ projectId, repoName }: { projectId: string; repoName: string }) {
  const repo = useRepository(projectId, repoName);
  return (
    <QueryView query={repo} loading="Loading repository" empty={<EmptyState title="Repository not found" />}>
      {(data) => <Form projectId={projectId} repoName={repoName} repoType={data.type} />}
    </QueryView>
  );
}

/** Image fields show on DOCKER repositories, paths on GENERIC ones (where "give an image or paths" lands on the paths). */
const IMAGE_FIELDS = ['packageName', 'versions', 'targetVersions'];

function Form({ projectId, repoName, repoType }: { projectId: string; repoName: string; repoType: 'GENERIC' | 'DOCKER' }) {
  const router = useRouter();
  const create = useCreateRunOnceTask(projectId, repoName);
  const nameTaken = useRunOnceTaskNameTaken(projectId, repoName);
  const form = useForm<RunOnceFormValues>({
    resolver: zodResolver(runOnceFormSchema),
    defaultValues: emptyRunOnceForm(repoType === 'DOCKER' ? 'registry' : 'cluster'),
    mode: 'onTouched',
  });
  const { errors } = form.formState;
  const fieldOf = onlyShown(runOnceFieldOf, (field) =>
    repoType === 'DOCKER' ? !field.startsWith('pathConstraints') : field === 'packageName' || !IMAGE_FIELDS.includes(field),
  );
  const base = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/tasks`;

  const onSubmit = form.handleSubmit(async (values) => {
    if (await nameTaken(values.name).catch(() => false)) {
      form.setError('name', { message: 'a run-once task with this name exists; pick another name' }, { shouldFocus: true });
      return;
    }
    create.mutate(toRunOnceBody(values), {
      onSuccess: () => {
        toast(`Run-once task ${values.name} created`);
        router.push(`${base}/${encodeURIComponent(values.name)}`);
      },
      onError: (error) => showServerError(error, form, fieldOf),
    });
  });

  return (
    <FormProvider {...form}>
      <form className="stack" onSubmit={onSubmit} noValidate aria-label="New run-once task">
        <h2 className="flush">New run-once task</h2>
        <FormError message={errors.root?.message} />
        <fieldset className="grid-2">
          <legend>Task</legend>
          <TextField control={form.control} name="name" label="Name" />
          <TextField control={form.control} name="description" label="Description" />
        </fieldset>

        {repoType === 'DOCKER' ? (
          <fieldset className="stack">
            <legend>Image</legend>
            <PackageNames id="task-package-names" projectId={projectId} repoName={repoName} />
            <div className="grid-2">
              <TextField
                control={form.control}
                name="packageName"
                label="Image"
                hint="The image name inside this repository, e.g. nginx"
                list="task-package-names"
              />
              <FormChips control={form.control} name="versions" label="Tags to copy" hint="Enter to add each tag" itemLabel="tag" />
              <FormChips
                control={form.control}
                name="targetVersions"
                label="Target tags (optional)"
                hint="Push the one tag above under these tags instead"
                itemLabel="target tag"
              />
            </div>
          </fieldset>
        ) : (
          <PathListFieldset projectId={projectId} repoName={repoName} placeholder="/releases/1.0" error={errors.packageName?.message} />
        )}

        <TargetFieldset repoType={repoType} />
        <div className="row end">
          <ButtonLink href={base}>Cancel</ButtonLink>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Create task
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
