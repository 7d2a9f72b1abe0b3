'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-controls';
import { FormDialog } from '@/components/ui/form-dialog';
import { toast } from '@/components/ui/toast';
import { shownFields, showServerError } from '@/lib/forms/server-errors';
import { useCreateProject } from '@/lib/projects/hooks';
import { createProjectSchema } from '@/lib/projects/schemas';
import { usePermission } from '@/lib/users/hooks';

type FormInput = z.input<typeof createProjectSchema>;
type FormOutput = z.output<typeof createProjectSchema>;

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['name', 'displayName', 'description']);

export function CreateProjectDialog() {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const create = useCreateProject();
  const allowed = usePermission(null, 'ADMIN');
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createProjectSchema),
    defaultValues: { name: '', displayName: '', description: '' },
  });
  const onSubmit = form.handleSubmit((values) =>
    create.mutate(
      { ...values, displayName: values.displayName || values.name },
      {
        onSuccess: (project) => {
          toast(`Project ${project.name} created`);
          setOpen(false);
          form.reset();
          router.push(`/projects/${encodeURIComponent(project.name)}`);
        },
        onError: (error) => showServerError(error, form, fieldOf),
      },
    ),
  );
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
