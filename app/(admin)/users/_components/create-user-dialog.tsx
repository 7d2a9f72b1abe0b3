'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormCheckbox, TextField } from '@/components/ui/form-controls';
import { FormDialog } from '@/components/ui/form-dialog';
import { toast } from '@/components/ui/toast';
import { shownFields, showServerError } from '@/lib/forms/server-errors';
import { useCreateUser } from '@/lib/users/hooks';
import { createUserSchema } from '@/lib/users/schemas';

type FormInput = z.input<typeof createUserSchema>;
type FormOutput = z.output<typeof createUserSchema>;

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['userId', 'name', 'password']);

export function CreateUserDialog() {
  const [open, setOpen] = useState(false);
  const create = useCreateUser();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { userId: '', name: '', password: '', admin: false },
  });
  const onSubmit = form.handleSubmit((values) =>
    create.mutate(values, {
      onSuccess: (user) => {
        toast(`User ${user.userId} created`);
        setOpen(false);
        form.reset();
      },
      onError: (error) => showServerError(error, form, fieldOf),
    }),
  );
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
