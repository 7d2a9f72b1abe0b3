'use client';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormCheckbox, NewPasswordField, TextField } from '@/components/ui/form-controls';
import { FormDialog } from '@/components/ui/form-dialog';
import { toast } from '@/components/ui/toast';
import { shownFields } from '@/lib/forms/server-errors';
import { useDialogForm } from '@/lib/forms/use-mutation-form';
import { useUpdateUser } from '@/lib/users/hooks';
import { createUserSchema, type UpdateUserInput, type UserInfo } from '@/lib/users/schemas';

// The form always shows every field, with the creation rules; an empty password means "keep it".
const editUserSchema = z.object({
  name: createUserSchema.shape.name,
  admin: z.boolean(),
  locked: z.boolean(),
  password: z.union([z.literal(''), createUserSchema.shape.password]),
});
type FormValues = z.input<typeof editUserSchema>;

/** The fields the form shows; a refusal of anything else (the last administrator) is the form's message. */
const fieldOf = shownFields(['name', 'password']);

export function EditUserDialog({ user }: { user: UserInfo }) {
  const update = useUpdateUser();
  const initial: FormValues = { name: user.name, password: '', admin: user.admin, locked: user.locked };
  const { form, dialog } = useDialogForm({
    schema: editUserSchema,
    defaultValues: initial,
    fieldOf,
    mutation: {
      mutate: (values, callbacks) => {
        // Only what changed: the audit row then says exactly that.
        const changes: UpdateUserInput = {};
        if (values.name !== user.name) changes.name = values.name;
        if (values.admin !== user.admin) changes.admin = values.admin;
        if (values.locked !== user.locked) changes.locked = values.locked;
        if (values.password) changes.password = values.password;
        update.mutate({ userId: user.userId, update: changes }, callbacks);
      },
      isPending: update.isPending,
    },
    onSuccess: () => toast(`User ${user.userId} saved`),
    keepValues: true,
  });
  return (
    <FormDialog
      trigger={
        <Button size="sm" aria-label={`Edit user ${user.userId}`}>
          Edit
        </Button>
      }
      title={`Edit user ${user.userId}`}
      description="Locking a user or setting a new password ends its sessions; a locked user's tokens stop working at once."
      {...dialog}
      onOpenChange={(next) => {
        if (next) form.reset(initial);
        dialog.onOpenChange(next);
      }}
      submitLabel="Save user"
    >
      <TextField control={form.control} name="name" label="Display name" autoComplete="off" />
      <NewPasswordField
        control={form.control}
        name="password"
        label="New password"
        hint="Leave empty to keep the current one; at least 8 characters"
      />
      <FormCheckbox control={form.control} name="admin" label="Administrator" />
      <FormCheckbox control={form.control} name="locked" label="Locked (cannot sign in; its tokens stop working)" />
    </FormDialog>
  );
}
