'use client';
import { useFormContext } from 'react-hook-form';
import { Field, Input } from '@/components/ui/field';

type Props = { passwordHint: string /** The remote has a stored password that a blank input keeps. */; keepsStored: boolean };

/** Username and write-only password of a remote (a cluster or a registry), in a form's FormProvider. */
export function CredentialFields({ passwordHint, keepsStored }: Props) {
  const form = useFormContext<{ username: string; password: string }>();
  const { errors } = form.formState;
  return (
    <>
      <Field label="Username" error={errors.username?.message}>
        <Input {...form.register('username')} autoComplete="off" />
      </Field>
      <Field label="Password" error={errors.password?.message} hint={passwordHint}>
        <Input
          type="password"
          {...form.register('password')}
          autoComplete="new-password"
          placeholder={keepsStored ? '•••••••• (leave blank to keep)' : ''}
        />
      </Field>
    </>
  );
}
