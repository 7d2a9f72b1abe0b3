'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormCheckbox, TextField } from '@/components/ui/form-controls';
import { FormDialog } from '@/components/ui/form-dialog';
import { toast } from '@/components/ui/toast';
import { shownFields } from '@/lib/forms/server-errors';
import { useMutationForm } from '@/lib/forms/use-mutation-form';
import { useCreateUser } from '@/lib/users/hooks';
import { createUserSchema } from '@/lib/users/schemas';

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['userId', 'name', 'password']);

export function CreateUserDialog() {
  const [open, setOpen] = useState(false);
  const create = useCreateUser();
  const { form, onSubmit } = useMutationForm({
    schema: createUserSchema,
    defaultValues: { userId: '', name: '', password: '', admin: false },
    fieldOf,
    mutate: create.mutate,
    onSuccess: (user) => {
      toast(`User ${user.userId} created`);
      setOpen(false);
      form.reset();
    },
  });
  return (
    <FormDialog
      trigger={<Button variant="primary">New user</Button>}
      title="New user"
      description="The user signs in with this user id and password; give it roles on projects afterwards."
      open={open}
      onOpenChange={setOpen}
      onSubmit={onSubmit}
      error={form.formState.errors.root?.message}
      submitLabel="Create user"
      busy={create.isPending}
    >
      <TextField
        control={form.control}
        name="userId"
        label="User id"
        hint="The login name: letters, digits, ., _ or -"
        autoComplete="off"
      />
      <TextField control={form.control} name="name" label="Display name" autoComplete="off" />
      <TextField
        control={form.control}
        name="password"
        label="Password"
        hint="At least 8 characters"
        type="password"
        autoComplete="new-password"
      />
      <FormCheckbox control={form.control} name="admin" label="Administrator (may do everything, on every project)" />
    </FormDialog>
  );
}
