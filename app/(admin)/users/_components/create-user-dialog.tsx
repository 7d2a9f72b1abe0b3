'use client';
import { FormCheckbox, NewPasswordField, TextField } from '@/components/ui/form-controls';
import { CreateDialog } from '@/components/ui/form-dialog';
import { toast } from '@/components/ui/toast';
import { shownFields } from '@/lib/forms/server-errors';
import { useDialogForm } from '@/lib/forms/use-mutation-form';
import { useCreateUser } from '@/lib/users/hooks';
import { createUserSchema } from '@/lib/users/schemas';

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['userId', 'name', 'password']);

export function CreateUserDialog() {
  const create = useCreateUser();
  const { form, dialog } = useDialogForm({
    schema: createUserSchema,
    defaultValues: { userId: '', name: '', password: '', admin: false },
    fieldOf,
    mutation: create,
    onSuccess: (user) => toast(`User ${user.userId} created`),
  });
  return (
    <CreateDialog
      thing="user"
      description="The user signs in with this user id and password; give it roles on projects afterwards."
      {...dialog}
    >
      <TextField
        control={form.control}
        name="userId"
        label="User id"
        hint="The login name: letters, digits, ., _ or -"
        autoComplete="off"
      />
      <TextField control={form.control} name="name" label="Display name" autoComplete="off" />
      <NewPasswordField control={form.control} name="password" label="Password" hint="At least 8 characters" />
      <FormCheckbox control={form.control} name="admin" label="Administrator (may do everything, on every project)" />
    </CreateDialog>
  );
}
