'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormRadioGroup, TextField } from '@/components/ui/form-controls';
import { FormDialog } from '@/components/ui/form-dialog';
import { toast } from '@/components/ui/toast';
import { shownFields, showServerError } from '@/lib/forms/server-errors';
import { useCreateRepository } from '@/lib/projects/hooks';
import { createRepositorySchema } from '@/lib/projects/schemas';
import { usePermission } from '@/lib/users/hooks';

type FormInput = z.input<typeof createRepositorySchema>;
type FormOutput = z.output<typeof createRepositorySchema>;

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['name', 'type', 'description']);

export function CreateRepositoryDialog({ projectId }: { projectId: string }) {
  const [open, setOpen] = useState(false);
  const create = useCreateRepository();
  const allowed = usePermission(projectId, 'PROJECT_ADMIN');
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createRepositorySchema),
    defaultValues: { projectId, name: '', type: 'GENERIC', description: '' },
  });
  const onSubmit = form.handleSubmit((values) =>
    create.mutate(values, {
      onSuccess: (repo) => {
        toast(`Repository ${repo.name} created`);
        setOpen(false);
        form.reset();
      },
      onError: (error) => showServerError(error, form, fieldOf),
    }),
  );
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
