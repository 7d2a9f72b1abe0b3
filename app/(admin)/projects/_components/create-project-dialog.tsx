'use client';
import { useRouter } from 'next/navigation';
import { TextField } from '@/components/ui/form-controls';
import { CreateDialog } from '@/components/ui/form-dialog';
import { toast } from '@/components/ui/toast';
import { shownFields } from '@/lib/forms/server-errors';
import { useDialogForm } from '@/lib/forms/use-mutation-form';
import { useCreateProject } from '@/lib/projects/hooks';
import { createProjectSchema, type ProjectInfo } from '@/lib/projects/schemas';
import { usePermission } from '@/lib/users/hooks';

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['name', 'displayName', 'description']);

export function CreateProjectDialog() {
  const router = useRouter();
  const create = useCreateProject();
  const allowed = usePermission(null, 'ADMIN');
  const { form, dialog } = useDialogForm({
    schema: createProjectSchema,
    defaultValues: { name: '', displayName: '', description: '' },
    fieldOf,
    mutation: {
      mutate: (values, callbacks) => create.mutate({ ...values, displayName: values.displayName || values.name }, callbacks),
      isPending: create.isPending,
    },
    onSuccess: (project: ProjectInfo) => {
      toast(`Project ${project.name} created`);
      router.push(`/projects/${encodeURIComponent(project.name)}`);
    },
  });
  return (
    <CreateDialog
      thing="project"
      description="The name is the projectId used in every API path and cannot change."
      disabledReason={allowed.reason}
      {...dialog}
    >
      <TextField control={form.control} name="name" label="Name" hint="Starts with a letter or _, then letters, digits, _ or -" />
      <TextField control={form.control} name="displayName" label="Display name" />
      <TextField control={form.control} name="description" label="Description" multiline />
    </CreateDialog>
  );
}
