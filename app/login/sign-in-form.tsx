'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { TextField } from '@/components/ui/form-controls';
import { useSignIn } from '@/lib/auth/hooks';
import { safeNextUrl } from '@/lib/auth/safe-next';
import { type LoginInput, loginSchema } from '@/lib/auth/schemas';
import { shownFields, showServerError } from '@/lib/forms/server-errors';

const fieldOf = shownFields<LoginInput>(['username', 'password']);

function Form() {
  const params = useSearchParams();
  const signIn = useSignIn();
  const form = useForm<LoginInput>({ resolver: zodResolver(loginSchema), defaultValues: { username: '', password: '' } });
  const next = params.get('next');
  const onSubmit = form.handleSubmit((values) =>
    signIn.mutate(values, {
      // A full navigation, so the admin layout reads the new cookie on the server; only to this origin.
      onSuccess: () => window.location.assign(safeNextUrl(next, window.location.origin)),
      onError: (error) => showServerError(error, form, fieldOf),
    }),
  );
  return (
    <form className="card stack login-card" onSubmit={onSubmit} noValidate aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Ferry</h1>
      <FormError message={form.formState.errors.root?.message} testId="sign-in-error" />
      <TextField control={form.control} name="username" label="Username" autoComplete="username" autoFocus />
      <TextField control={form.control} name="password" label="Password" type="password" autoComplete="current-password" />
      <Button type="submit" variant="primary" disabled={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}

export function SignInForm() {
  return (
    <Suspense>
      <Form />
    </Suspense>
  );
}
