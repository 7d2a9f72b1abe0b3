'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import { useSignOut } from '@/lib/auth/hooks';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/projects', label: 'Projects' },
  { href: '/clusters', label: 'Clusters' },
  { href: '/tokens', label: 'API tokens' },
];

export function AdminShell({ username, children }: { username: string; children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const signOut = useSignOut();
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
          {NAV.map((item) => {
            const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
            return (
              <Link key={item.href} href={item.href} aria-current={active ? 'page' : undefined}>
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="user">
          <span data-testid="signed-in-user">{username}</span>
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
        </div>
      </aside>
      <main className="main" id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
