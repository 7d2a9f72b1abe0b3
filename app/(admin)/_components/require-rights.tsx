'use client';
import type { ReactNode } from 'react';
import { ErrorState, ForbiddenState, TableSkeleton } from '@/components/ui/states';
import { useRights } from '@/lib/users/hooks';
import { type Needed, whyNot } from '@/lib/users/rights';

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/** A page the user may open only with `needed` on `projectId` (null: no project): otherwise a page saying what is needed. */
export function RequireRights({ projectId, needed, children }: { projectId: string | null; needed: Needed; children: ReactNode }) {
  const rights = useRights();
  if (rights.isPending) return <TableSkeleton label="Checking your rights" />;
  if (rights.isError) return <ErrorState error={rights.error} onRetry={() => rights.refetch()} />;
  const reason = whyNot(rights.data, projectId, needed);
  if (reason) return <ForbiddenState reason={sentence(reason)} />;
  return children;
}
