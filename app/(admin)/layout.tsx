import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { findSession, SESSION_COOKIE } from '@/lib/auth/sessions';
import { getDb } from '@/lib/db/client';
import { Providers } from '../providers';
import { AdminShell } from './_components/admin-shell';

export const dynamic = 'force-dynamic';

// Every admin page needs a session; without one the browser goes to the sign-in page.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const secret = (await cookies()).get(SESSION_COOKIE)?.value;
  const session = secret ? await findSession(await getDb(), secret, new Date()) : null;
  if (!session) redirect('/login');
  return (
    <Providers csrfToken={session.csrfToken}>
      <AdminShell username={session.principal.username}>{children}</AdminShell>
    </Providers>
  );
}
