'use client';
import { Button } from '@/components/ui/button';
import { FormCard } from '@/components/ui/form-card';
import { NewPasswordField, TextField } from '@/components/ui/form-controls';
import { toast } from '@/components/ui/toast';
import { shownFields } from '@/lib/forms/server-errors';
import { useMutationForm } from '@/lib/forms/use-mutation-form';
import { useChangePassword } from '@/lib/users/hooks';
import { changePasswordSchema } from '@/lib/users/schemas';

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['oldPassword', 'newPassword']);

export function ChangePasswordForm() {
  const change = useChangePassword();
  const { form, onSubmit } = useMutationForm({
    schema: changePasswordSchema,
    defaultValues: { oldPassword: '', newPassword: '' },
    fieldOf,
    mutate: change.mutate,
    onSuccess: () => {
      toast('Password changed; your other sessions were signed out');
      form.reset();
    },
  });
  return (
    <FormCard title="Change password" onSubmit={onSubmit} error={form.formState.errors.root?.message}>
      <div className="grid-2">
        <TextField control={form.control} name="oldPassword" label="Current password" type="password" autoComplete="current-password" />
        <NewPasswordField
          control={form.control}
          name="newPassword"
          label="New password"
          hint="At least 8 characters. Your other sessions are signed out."
        />
      </div>
      <div className="row end">
        <Button type="submit" variant="primary" disabled={change.isPending}>
          Change password
        </Button>
      </div>
    </FormCard>
  );
}
