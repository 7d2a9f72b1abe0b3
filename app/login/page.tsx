import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { findSession, SESSION_COOKIE } from '@/lib/auth/sessions';
import { getDb } from '@/lib/db/client';
import { Providers } from '../providers';
import { SignInForm } from './sign-in-form';

export const metadata = { title: 'Sign in · Ferry' };
export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  // Already signed in: nothing to do here.
  const secret = (await cookies()).get(SESSION_COOKIE)?.value;
  if (secret && (await findSession(await getDb(), secret, new Date()))) redirect('/');
  return (
    <Providers csrfToken={null}>
      <div className="login-wrap">
        <SignInForm />
      </div>
    </Providers>
  );
}
