'use client';
import { FormRadioGroup, TextField } from '@/components/ui/form-controls';
import { CreateDialog } from '@/components/ui/form-dialog';
import { toast } from '@/components/ui/toast';
import { shownFields } from '@/lib/forms/server-errors';
import { useDialogForm } from '@/lib/forms/use-mutation-form';
import { useCreateRepository } from '@/lib/projects/hooks';
import { createRepositorySchema } from '@/lib/projects/schemas';
import { usePermission } from '@/lib/users/hooks';

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['name', 'type', 'description']);

export function CreateRepositoryDialog({ projectId }: { projectId: string }) {
  const create = useCreateRepository();
  const allowed = usePermission(projectId, 'PROJECT_ADMIN');
  const { form, dialog } = useDialogForm({
    schema: createRepositorySchema,
    defaultValues: { projectId, name: '', type: 'GENERIC', description: '' },
    fieldOf,
    mutation: create,
    onSuccess: (repo) => toast(`Repository ${repo.name} created`),
  });
  return (
    <CreateDialog thing="repository" description={`In project ${projectId}.`} disabledReason={allowed.reason} {...dialog}>
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
    </CreateDialog>
  );
}
