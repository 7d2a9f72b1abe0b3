'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { useSignOut } from '@/lib/auth/hooks';
import { useRights } from '@/lib/users/hooks';
import { auditableProjects, can, type Rights } from '@/lib/users/rights';

/** The pages in the sidebar; `shown` hides those the user could only be refused. */
const NAV: { href: string; label: string; shown?: (rights: Rights) => boolean }[] = [
  { href: '/', label: 'Overview' },
  { href: '/projects', label: 'Projects' },
  { href: '/clusters', label: 'Clusters' },
  { href: '/users', label: 'Users', shown: (rights) => can(rights, null, 'ADMIN') },
  { href: '/audit', label: 'Audit log', shown: (rights) => auditableProjects(rights).length > 0 },
  { href: '/tokens', label: 'API tokens' },
  { href: '/api-reference', label: 'API reference' },
];

export function AdminShell({ username, children }: { username: string; children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const signOut = useSignOut();
  const rights = useRights();
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <aside className="sidebar">
        <Link href="/" className="brand">
          Ferry
        </Link>
        <nav aria-label="Main">
          {NAV.filter((item) => !item.shown || (rights.data && item.shown(rights.data))).map((item) => {
            const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
            return (
              <Link key={item.href} href={item.href} aria-current={active ? 'page' : undefined}>
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="user">
          <div className="user-who">
            <span data-testid="signed-in-user">{username}</span>
            {rights.data?.admin ? <span className="user-role">administrator</span> : null}
          </div>
          <nav aria-label="Account" className="account-nav">
            <Link href="/account" aria-current={pathname === '/account' ? 'page' : undefined}>
              Account
            </Link>
            <Button
              size="sm"
              onClick={() =>
                signOut.mutate(undefined, {
                  onSuccess: () => router.replace('/login'),
                  onError: (error) => toast(error.message, 'error'),
                })
              }
            >
              Sign out
            </Button>
          </nav>
        </div>
      </aside>
      <main className="main" id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
