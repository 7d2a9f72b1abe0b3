'use client';
import { useFormContext } from 'react-hook-form';
import { TextField } from '@/components/ui/form-controls';

type Props = {
  passwordHint: string;
  /** The remote has a stored password that a blank input keeps. */
  keepsStored: boolean;
};

/** Username and write-only password of a remote (a cluster or a registry), in a form's FormProvider. */
export function CredentialFields({ passwordHint, keepsStored }: Props) {
  const form = useFormContext<{ username: string; password: string }>();
  return (
    <>
      <TextField control={form.control} name="username" label="Username" autoComplete="off" />
      <TextField
        control={form.control}
        name="password"
        label="Password"
        hint={passwordHint}
        type="password"
        autoComplete="new-password"
        placeholder={keepsStored ? '•••••••• (leave blank to keep)' : ''}
      />
    </>
  );
}
