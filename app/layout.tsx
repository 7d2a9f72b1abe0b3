import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata = { title: 'Ferry', description: 'Artifact distribution' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so Next.js can put the request's CSP nonce (proxy.ts) on its scripts.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
