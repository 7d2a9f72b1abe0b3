'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-controls';
import { FormDialog } from '@/components/ui/form-dialog';
import { toast } from '@/components/ui/toast';
import { shownFields } from '@/lib/forms/server-errors';
import { useMutationForm } from '@/lib/forms/use-mutation-form';
import { useCreateProject } from '@/lib/projects/hooks';
import { createProjectSchema, type ProjectInfo } from '@/lib/projects/schemas';
import { usePermission } from '@/lib/users/hooks';

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['name', 'displayName', 'description']);

export function CreateProjectDialog() {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const create = useCreateProject();
  const allowed = usePermission(null, 'ADMIN');
  const { form, onSubmit } = useMutationForm({
    schema: createProjectSchema,
    defaultValues: { name: '', displayName: '', description: '' },
    fieldOf,
    mutate: (values, callbacks) => create.mutate({ ...values, displayName: values.displayName || values.name }, callbacks),
    onSuccess: (project: ProjectInfo) => {
      toast(`Project ${project.name} created`);
      setOpen(false);
      form.reset();
      router.push(`/projects/${encodeURIComponent(project.name)}`);
    },
  });
  const errors = form.formState.errors;
  return (
    <FormDialog
      trigger={
        <Button variant="primary" disabledReason={allowed.reason}>
          New project
        </Button>
      }
      title="New project"
      description="The name is the projectId used in every API path and cannot change."
      open={open}
      onOpenChange={setOpen}
      onSubmit={onSubmit}
      error={errors.root?.message}
      submitLabel="Create project"
      busy={create.isPending}
    >
      <TextField control={form.control} name="name" label="Name" hint="Starts with a letter or _, then letters, digits, _ or -" />
      <TextField control={form.control} name="displayName" label="Display name" />
      <TextField control={form.control} name="description" label="Description" multiline />
    </FormDialog>
  );
}
