'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormRadioGroup, TextField } from '@/components/ui/form-controls';
import { FormDialog } from '@/components/ui/form-dialog';
import { toast } from '@/components/ui/toast';
import { shownFields } from '@/lib/forms/server-errors';
import { useMutationForm } from '@/lib/forms/use-mutation-form';
import { useCreateRepository } from '@/lib/projects/hooks';
import { createRepositorySchema } from '@/lib/projects/schemas';
import { usePermission } from '@/lib/users/hooks';

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['name', 'type', 'description']);

export function CreateRepositoryDialog({ projectId }: { projectId: string }) {
  const [open, setOpen] = useState(false);
  const create = useCreateRepository();
  const allowed = usePermission(projectId, 'PROJECT_ADMIN');
  const { form, onSubmit } = useMutationForm({
    schema: createRepositorySchema,
    defaultValues: { projectId, name: '', type: 'GENERIC', description: '' },
    fieldOf,
    mutate: create.mutate,
    onSuccess: (repo) => {
      toast(`Repository ${repo.name} created`);
      setOpen(false);
      form.reset();
    },
  });
  const errors = form.formState.errors;
  return (
    <FormDialog
      trigger={
        <Button variant="primary" disabledReason={allowed.reason}>
          New repository
        </Button>
      }
      title="New repository"
      description={`In project ${projectId}.`}
      open={open}
      onOpenChange={setOpen}
      onSubmit={onSubmit}
      error={errors.root?.message}
      submitLabel="Create repository"
      busy={create.isPending}
    >
      <TextField
        control={form.control}
        name="name"
        label="Name"
        hint="DOCKER repositories need a lowercase name (images are addressed by it)."
      />
      <FormRadioGroup
        control={form.control}
        name="type"
        label="Type"
        inline
        options={[
          { value: 'GENERIC', label: 'GENERIC', description: 'Files in folders' },
          { value: 'DOCKER', label: 'DOCKER', description: 'OCI images and tags' },
        ]}
      />
      <TextField control={form.control} name="description" label="Description" multiline />
    </FormDialog>
  );
}
