'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { TextField } from '@/components/ui/form-controls';
import { toast } from '@/components/ui/toast';
import { shownFields, showServerError } from '@/lib/forms/server-errors';
import { useChangePassword } from '@/lib/users/hooks';
import { type ChangePasswordInput, changePasswordSchema } from '@/lib/users/schemas';

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['oldPassword', 'newPassword']);

export function ChangePasswordForm() {
  const change = useChangePassword();
  const form = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { oldPassword: '', newPassword: '' },
  });
  const onSubmit = form.handleSubmit((values) =>
    change.mutate(values, {
      onSuccess: () => {
        toast('Password changed; your other sessions were signed out');
        form.reset();
      },
      onError: (error) => showServerError(error, form, fieldOf),
    }),
  );
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-label="Change password">
      <h2 className="flush">Change password</h2>
      <FormError message={form.formState.errors.root?.message} />
      <div className="grid-2">
        <TextField control={form.control} name="oldPassword" label="Current password" type="password" autoComplete="current-password" />
        <TextField
          control={form.control}
          name="newPassword"
          label="New password"
          hint="At least 8 characters. Your other sessions are signed out."
          type="password"
          autoComplete="new-password"
        />
      </div>
      <div className="row end">
        <Button type="submit" variant="primary" disabled={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
