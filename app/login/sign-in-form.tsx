'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { useSignIn } from '@/lib/auth/hooks';
import { safeNextUrl } from '@/lib/auth/safe-next';
import { type LoginInput, loginSchema } from '@/lib/auth/schemas';

function Form() {
  const params = useSearchParams();
  const signIn = useSignIn();
  const form = useForm<LoginInput>({ resolver: zodResolver(loginSchema), defaultValues: { username: '', password: '' } });
  const next = params.get('next');
  const onSubmit = form.handleSubmit((values) =>
    signIn.mutate(values, {
      // A full navigation, so the admin layout reads the new cookie on the server; only to this origin.
      onSuccess: () => window.location.assign(safeNextUrl(next, window.location.origin)),
    }),
  );
  return (
    <form className="card stack login-card" onSubmit={onSubmit} noValidate aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Ferry</h1>
      {signIn.error ? (
        <div className="notice" role="alert" data-testid="sign-in-error">
          {signIn.error.message}
        </div>
      ) : null}
      <Field label="Username" error={form.formState.errors.username?.message}>
        <Input autoComplete="username" autoFocus {...form.register('username')} />
      </Field>
      <Field label="Password" error={form.formState.errors.password?.message}>
        <Input type="password" autoComplete="current-password" {...form.register('password')} />
      </Field>
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
