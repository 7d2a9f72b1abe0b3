'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Toaster } from '@/components/ui/toast';
import { ApiError, setCsrfToken } from '@/lib/api-client/api-fetch';

export function Providers({ csrfToken, children }: { csrfToken: string | null; children: ReactNode }) {
  // Set before the first render so the first mutation already carries it.
  setCsrfToken(csrfToken);
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 5_000,
            // A missing endpoint or a refused request will not heal by retrying; network errors may.
            retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
          },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      {children}
      <Toaster />
    </QueryClientProvider>
  );
}
